from django.urls import path

from . import views

urlpatterns = [
    path("", views.mine, name="follows_mine"),
    path("listing/", views.follow_listing, name="follows_listing"),
    path("search/", views.follow_search, name="follows_search"),
    path("page/", views.follow_record, name="follows_record"),
    path("<int:follow_id>/unfollow/", views.unfollow, name="follows_unfollow"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="follows_unsubscribe"),
]
