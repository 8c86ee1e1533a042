from django.urls import path

from . import views

app_name = "community"

urlpatterns = [
    path("lessons/<int:lesson_id>/comments/", views.post, name="post"),
    path("comments/<int:comment_id>/reply/", views.reply, name="reply"),
    path("comments/<int:comment_id>/edit/", views.edit, name="edit"),
    path("comments/<int:comment_id>/delete/", views.delete, name="delete"),
    path("comments/<int:comment_id>/flag/", views.flag, name="flag"),
]
