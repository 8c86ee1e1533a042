"""Roles: "Reviewers" review and publish pages; "Moderators" moderate comments, and only that.

Wagtail's initial data makes "Moderators" the group that reviews and publishes pages
(page permissions on the root page, image and document collection permissions, the
approval task of the default workflow). On this site a moderator looks after lesson
discussions, so everything that group had moves to a new "Reviewers" group, and
"Moderators" keeps only what moderating comments needs.

People are not moved between groups: whoever should keep reviewing pages is added to
"Reviewers" (``seed_demo`` does it for the demo users).

Safe to run again: permissions are looked up or created, never duplicated. Reversible:
"Moderators" gets back what "Reviewers" has, and "Reviewers" is deleted.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

# (app label, codename): moderating comments, muting people, the pre-moderation setting.
MODERATOR_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("community", "view_comment"),
    ("community", "moderate_comment"),
    ("community", "add_mute"),
    ("community", "view_mute"),
    ("community", "change_mute"),  # lifting a mute
    ("community", "change_communitysettings"),
]
# The default workflow's task and workflow are named after the group that approves.
OLD_NAME, NEW_NAME = "Moderators approval", "Reviewers approval"


def create_community_permissions(apps, schema_editor):
    """The permissions of community's models exist only after migrate ends; make them now."""
    config = apps.get_app_config("community")
    # create_permissions skips an app without a models module, as a migration's app is.
    models_module = getattr(config, "models_module", None)
    config.models_module = models_module or True
    create_permissions(config, verbosity=0, apps=apps, using=schema_editor.connection.alias)
    config.models_module = models_module


def moderator_permissions(apps):
    Permission = apps.get_model("auth", "Permission")
    return [
        Permission.objects.get(content_type__app_label=app_label, codename=codename)
        for app_label, codename in MODERATOR_PERMISSIONS
    ]


def give_role(apps, source, target):
    """Give ``target`` every page, collection and model permission and every approval
    task of ``source`` (community's permissions excepted)."""
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    for row in GroupPagePermission.objects.filter(group=source):
        GroupPagePermission.objects.get_or_create(
            group=target, page_id=row.page_id, permission_id=row.permission_id
        )
    for row in GroupCollectionPermission.objects.filter(group=source):
        GroupCollectionPermission.objects.get_or_create(
            group=target, collection_id=row.collection_id, permission_id=row.permission_id
        )
    target.permissions.add(*source.permissions.exclude(content_type__app_label="community"))
    for task in GroupApprovalTask.objects.filter(groups=source):
        task.groups.add(target)


def rename_default_workflow(apps, old, new):
    for model in ("GroupApprovalTask", "Workflow"):
        apps.get_model("wagtailcore", model).objects.filter(name=old).update(name=new)


def forwards(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    create_community_permissions(apps, schema_editor)

    moderators, _ = Group.objects.get_or_create(name="Moderators")
    reviewers, _ = Group.objects.get_or_create(name="Reviewers")
    give_role(apps, moderators, reviewers)

    GroupPagePermission.objects.filter(group=moderators).delete()
    GroupCollectionPermission.objects.filter(group=moderators).delete()
    moderators.permissions.set(moderator_permissions(apps))
    for task in GroupApprovalTask.objects.filter(groups=moderators):
        task.groups.remove(moderators)
    rename_default_workflow(apps, OLD_NAME, NEW_NAME)


def backwards(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    reviewers = Group.objects.filter(name="Reviewers").first()
    moderators, _ = Group.objects.get_or_create(name="Moderators")
    if reviewers is not None:
        give_role(apps, reviewers, moderators)
        reviewers.delete()
    moderators.permissions.remove(
        *[p for p in moderator_permissions(apps) if p.content_type.app_label == "community"]
    )
    rename_default_workflow(apps, NEW_NAME, OLD_NAME)


class Migration(migrations.Migration):
    dependencies = [
        ("community", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailcore", "0090_remove_grouppagepermission_permission_type"),
        ("wagtaildocs", "0011_add_choose_permissions"),
        ("wagtailimages", "0023_add_choose_permissions"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
