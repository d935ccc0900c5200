from django.contrib.auth import views as auth_views
from django.urls import path

from . import accounts
from .forms import SignInForm

urlpatterns = [
    path(
        "login/",
        auth_views.LoginView.as_view(
            template_name="network/account/login.html",
            redirect_authenticated_user=True,
            authentication_form=SignInForm,
        ),
        name="login",
    ),
    path("logout/", accounts.sign_out, name="logout"),
    path("signup/", accounts.signup, name="account_signup"),
    path("verify/<str:uidb64>/<str:token>/", accounts.verify, name="account_verify"),
    path("", accounts.account_home, name="account_home"),
    path("profile/", accounts.profile_edit, name="account_profile"),
    path("profiles/<int:page_id>/edit/", accounts.profile_edit_by_id, name="account_profile_by_id"),
    path("data.json", accounts.export, name="account_export"),
    path("delete/", accounts.delete_account, name="account_delete"),
    path("deleted/", accounts.account_deleted, name="account_deleted"),
]
