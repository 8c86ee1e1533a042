"""Roles for writing courses: "Educators" write the courses they own; "Reviewers" review
and publish them through the "Course review" workflow.

- "Educators": the admin; Wagtail's "add" page permission on every catalogue (so Wagtail's
  ownership rule applies: they edit what they create, ``learning.permissions`` widens that
  to the courses they own or co-author, lessons included); upload and choose images and
  documents (editing their own uploads). No "change", "publish", "lock" or "bulk delete".
  Catalogues made later get the same (``learning.signal_handlers``).
- "Editors", Wagtail's default group, goes: it may change every page on the site, which is
  what this site must not let a course writer do, and nobody else needs it (reviewers edit
  and publish any page). Its members become Educators, so nobody loses the admin.
- "Reviewers" also see every course's reports and may reset a learner's progress.
- The "Course review" workflow, one ``CourseReviewTask`` for Reviewers, is used by every
  catalogue, so by every course (lessons go with their course: ``learning.review``).

Safe to run again: everything is looked up or created, never duplicated. Reversible:
"Editors" comes back with Wagtail's default permissions and the Educators as members;
"Educators", the workflow and its task are deleted, and Reviewers lose the two permissions.
"""

import django.db.models.deletion
import modelcluster.fields
from django.conf import settings
from django.contrib.auth.management import create_permissions
from django.db import migrations, models

EDUCATORS, EDITORS, REVIEWERS = "Educators", "Editors", "Reviewers"
WORKFLOW = "Course review"
ACCESS_ADMIN = ("wagtailadmin", "access_admin")
EDUCATOR_COLLECTION_PERMISSIONS = [
    ("wagtailimages", "add_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "choose_document"),
]
REVIEWER_PERMISSIONS = [("learning", "view_course_reports"), ("learning", "reset_progress")]
# Wagtail's default "Editors" (its initial data), to bring back on the way down.
EDITOR_PERMISSIONS = [ACCESS_ADMIN] + [
    (app_label, f"{action}_{model}")
    for app_label, model in (("wagtailimages", "image"), ("wagtaildocs", "document"))
    for action in ("add", "change", "choose", "delete")
]
EDITOR_PAGE_PERMISSIONS = ["add_page", "change_page"]
EDITOR_COLLECTION_PERMISSIONS = [
    (app_label, f"{action}_{model}")
    for app_label, model in (("wagtailimages", "image"), ("wagtaildocs", "document"))
    for action in ("add", "change", "choose")
]


def create_learning_permissions(apps, schema_editor):
    """Enrollment's own permissions exist only after migrate ends; make them now."""
    config = apps.get_app_config("learning")
    models_module = getattr(config, "models_module", None)
    config.models_module = models_module or True
    create_permissions(config, verbosity=0, apps=apps, using=schema_editor.connection.alias)
    config.models_module = models_module


def permission(apps, app_label, codename):
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def catalogues(apps):
    return apps.get_model("learning", "CourseIndexPage").objects.all()


def root_collections(apps):
    return apps.get_model("wagtailcore", "Collection").objects.filter(depth=1)


def make_educators(apps):
    Group = apps.get_model("auth", "Group")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    educators, _ = Group.objects.get_or_create(name=EDUCATORS)
    educators.permissions.add(permission(apps, *ACCESS_ADMIN))
    add_page = permission(apps, "wagtailcore", "add_page")
    for catalogue in catalogues(apps):
        GroupPagePermission.objects.get_or_create(
            group=educators, page_id=catalogue.pk, permission=add_page
        )
    for collection in root_collections(apps):
        for app_label, codename in EDUCATOR_COLLECTION_PERMISSIONS:
            GroupCollectionPermission.objects.get_or_create(
                group=educators,
                collection=collection,
                permission=permission(apps, app_label, codename),
            )
    return educators


def make_course_review(apps):
    Group = apps.get_model("auth", "Group")
    ContentType = apps.get_model("contenttypes", "ContentType")
    CourseReviewTask = apps.get_model("learning", "CourseReviewTask")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    content_type, _ = ContentType.objects.get_or_create(
        app_label="learning", model="coursereviewtask"
    )
    task, _ = CourseReviewTask.objects.get_or_create(
        name=WORKFLOW, defaults={"content_type": content_type, "active": True}
    )
    reviewers = Group.objects.filter(name=REVIEWERS).first()
    if reviewers is not None:
        task.groups.add(reviewers)
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW, defaults={"active": True})
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    for catalogue in catalogues(apps):
        WorkflowPage.objects.get_or_create(page_id=catalogue.pk, defaults={"workflow": workflow})


def forwards(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    create_learning_permissions(apps, schema_editor)
    educators = make_educators(apps)
    editors = Group.objects.filter(name=EDITORS).first()
    if editors is not None:
        educators.user_set.add(*editors.user_set.all())
        editors.delete()  # with its page and collection permissions
    reviewers = Group.objects.filter(name=REVIEWERS).first()
    if reviewers is not None:
        reviewers.permissions.add(*[permission(apps, *p) for p in REVIEWER_PERMISSIONS])
    make_course_review(apps)


def backwards(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    Page = apps.get_model("wagtailcore", "Page")
    apps.get_model("wagtailcore", "Workflow").objects.filter(name=WORKFLOW).delete()
    apps.get_model("learning", "CourseReviewTask").objects.all().delete()
    reviewers = Group.objects.filter(name=REVIEWERS).first()
    if reviewers is not None:
        reviewers.permissions.remove(*[permission(apps, *p) for p in REVIEWER_PERMISSIONS])
    editors, _ = Group.objects.get_or_create(name=EDITORS)
    editors.permissions.add(*[permission(apps, *p) for p in EDITOR_PERMISSIONS])
    for root in Page.objects.filter(depth=1):
        for codename in EDITOR_PAGE_PERMISSIONS:
            GroupPagePermission.objects.get_or_create(
                group=editors, page=root, permission=permission(apps, "wagtailcore", codename)
            )
    for collection in root_collections(apps):
        for app_label, codename in EDITOR_COLLECTION_PERMISSIONS:
            GroupCollectionPermission.objects.get_or_create(
                group=editors,
                collection=collection,
                permission=permission(apps, app_label, codename),
            )
    educators = Group.objects.filter(name=EDUCATORS).first()
    if educators is not None:
        editors.user_set.add(*educators.user_set.all())
        educators.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("learning", "0003_analytics_and_authors"),
        ("community", "0002_roles"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailimages", "0027_image_description"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterField(
            model_name="coursepage",
            name="co_authors",
            field=modelcluster.fields.ParentalManyToManyField(
                blank=True,
                help_text="Educators who may edit this course and its lessons with its owner.",
                limit_choices_to={"groups__name": "Educators"},
                related_name="co_authored_courses",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.CreateModel(
            name="CourseReviewTask",
            fields=[
                (
                    "task_ptr",
                    models.OneToOneField(
                        auto_created=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        parent_link=True,
                        primary_key=True,
                        serialize=False,
                        to="wagtailcore.task",
                    ),
                ),
                (
                    "groups",
                    models.ManyToManyField(
                        help_text="Pages/snippets at this step in a workflow will be moderated or approved by these groups of users",
                        to="auth.group",
                        verbose_name="groups",
                    ),
                ),
            ],
            options={
                "verbose_name": "Course review task",
                "verbose_name_plural": "Course review tasks",
            },
            bases=("wagtailcore.task",),
        ),
        migrations.RunPython(forwards, backwards),
    ]
