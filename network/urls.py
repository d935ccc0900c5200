from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from . import accounts
from .forms import ResetPasswordForm, SignInForm

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
    # "Forgot password?": Django's views in the site's templates; the e-mail goes through
    # EMAIL_BACKEND (the outbox, background/mail.py). Limited per address and client.
    path(
        "password/reset/",
        accounts.limit_password_resets(
            auth_views.PasswordResetView.as_view(
                template_name="network/account/password_reset.html",
                email_template_name="network/account/password_reset_email.txt",
                subject_template_name="network/account/password_reset_subject.txt",
                form_class=ResetPasswordForm,
                success_url=reverse_lazy("password_reset_done"),
            )
        ),
        name="password_reset",
    ),
    path(
        "password/reset/sent/",
        auth_views.PasswordResetDoneView.as_view(template_name="network/account/password_reset_done.html"),
        name="password_reset_done",
    ),
    path(
        "password/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            template_name="network/account/password_reset_confirm.html",
            success_url=reverse_lazy("password_reset_complete"),
        ),
        name="password_reset_confirm",
    ),
    path(
        "password/reset/done/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="network/account/password_reset_complete.html"
        ),
        name="password_reset_complete",
    ),
    path("", accounts.account_home, name="account_home"),
    path("profile/", accounts.profile_edit, name="account_profile"),
    path("profiles/<int:page_id>/edit/", accounts.profile_edit_by_id, name="account_profile_by_id"),
    path("data.json", accounts.export, name="account_export"),
    path("delete/", accounts.delete_account, name="account_delete"),
    path("deleted/", accounts.account_deleted, name="account_deleted"),
]
