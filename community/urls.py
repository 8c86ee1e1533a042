from django.urls import path

from . import views

app_name = "community"

urlpatterns = [
    path("lessons/<id:lesson_id>/comments/", views.post, name="post"),
    path("comments/<id:comment_id>/reply/", views.reply, name="reply"),
    path("comments/<id:comment_id>/edit/", views.edit, name="edit"),
    path("comments/<id:comment_id>/delete/", views.delete, name="delete"),
    path("comments/<id:comment_id>/flag/", views.flag, name="flag"),
]
