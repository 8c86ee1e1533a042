from django.urls import path

from . import views

app_name = "accounts"

# Django's own log-in, log-out and password views are mounted in elevate_site/urls.py under
# their default names ("login", "password_reset", ...); these are the extra account pages.
urlpatterns = [
    path("signup/", views.signup, name="signup"),
    path("profile/", views.profile, name="profile"),
]
