from django.urls import path

from . import views

app_name = "learning"

urlpatterns = [
    path("my-learning/", views.dashboard, name="dashboard"),
    path("courses/<id:course_id>/enroll/", views.enroll, name="enroll"),
    path("courses/<id:course_id>/unenroll/", views.unenroll, name="unenroll"),
    path("courses/<id:course_id>/resume/", views.resume, name="resume"),
    path("lessons/<id:lesson_id>/complete/", views.complete, name="complete"),
    path("lessons/<id:lesson_id>/undo/", views.undo, name="undo"),
    path("certificates/<str:code>/", views.certificate_detail, name="certificate"),
    path("certificates/<str:code>/pdf/", views.certificate_pdf, name="certificate_pdf"),
    path("verify/<str:code>/", views.verify_certificate, name="verify_certificate"),
]
