"""``manage.py seed_demo``: a believable catalogue and a user for each role.

Safe to run any number of times: everything is looked up by a natural key (slug, title,
username) and created only when missing, so a second run changes nothing and an educator's
edits to demo pages survive.
"""

import io

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction, Site

from community.demo_loader import load_discussions
from home.models import HomePage
from learning.demo_loader import DemoContentError, load_courses
from learning.demo_progress import load_progress
from learning.models import CourseIndexPage, CoursePage, LessonPage

# username, password, role, what the account is for. Demo passwords are public on purpose:
# they are printed here and in the README, and only ever seeded into demo databases.
DEMO_USERS = [
    ("admin", "elevate-admin", "admin", "superuser: everything, including the Wagtail admin"),
    ("educator", "elevate-educator", "Educators", "owns the demo courses, submits for review"),
    ("educator2", "elevate-educator2", "Educators", "another educator: no course of their own"),
    ("reviewer", "elevate-reviewer", "Reviewers", "reviews and publishes courses and pages"),
    ("moderator", "elevate-moderator", "Moderators", "moderates lesson comments, mutes people"),
    ("learner", "elevate-learner", "learner", "enrolled, one course finished, one under way"),
]
PALETTE = [
    ("#2f6fdf", "#7b4fd6"),
    ("#1b7f4c", "#2f9fdf"),
    ("#d35400", "#c0392b"),
    ("#34495e", "#16a085"),
]


class Command(BaseCommand):
    help = "Load demo courses, lessons and users (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--hostname",
            help="Host name of the default Site (what visitors type); absolute URLs use it.",
        )
        parser.add_argument("--port", type=int, help="Port of the default Site.")

    def handle(self, *args, **options):
        # Read every content file first, so a mistake in one stops the command before it
        # writes anything, with the file and line in the message.
        try:
            self.courses = load_courses()
        except DemoContentError as error:
            raise CommandError(error) from error
        with transaction.atomic():
            home = self.home_page()
            if options["hostname"] or options["port"]:
                Site.objects.filter(is_default_site=True).update(
                    **{k: options[k] for k in ("hostname", "port") if options[k]}
                )
            # The catalogue first: making it opens it to the Educators group and gives its
            # courses the "Course review" workflow (learning.signal_handlers).
            catalogue = self.catalogue(home)
            users = self.users()
            for number, data in enumerate(self.courses):
                self.course(catalogue, data, PALETTE[number % len(PALETTE)], users["educator"])
            enrolled = load_progress()
            if enrolled:
                self.stdout.write(
                    f"Added {enrolled} demo enrolments with progress (demo/progress.yml)"
                )
            added = load_discussions()
            if added:
                self.stdout.write(f"Added {added} demo comments (demo/discussions.yml)")
        self.stdout.write(self.style.SUCCESS("\nDemo content is ready. Sign in with:"))
        for username, password, _, purpose in DEMO_USERS:
            self.stdout.write(f"  {username:<10} {password:<18} {purpose}")

    # Pages -------------------------------------------------------------------------------

    def home_page(self):
        home = HomePage.objects.first()
        if home:
            return home
        root = Page.get_first_root_node()
        # Wagtail's "Welcome to your new Wagtail site!" placeholder gives way to the real home
        # page (deleting it also deletes the Site that points at it; it is recreated below).
        for placeholder in root.get_children().filter(depth=2, numchild=0):
            if placeholder.specific_class is Page:
                placeholder.delete()
        home = root.add_child(
            instance=HomePage(
                title="Learn something new today",
                slug="home",
                intro="<p>Short, practical courses written by people who do the work. "
                "Read every lesson for free; sign up to track your progress and earn "
                "certificates.</p>",
            )
        )
        home.save_revision().publish()
        Site.objects.update_or_create(
            is_default_site=True,
            defaults={
                "hostname": "localhost",
                "port": 80,
                "root_page": home,
                "site_name": "Elevate Learning",
            },
        )
        self.stdout.write("Created the home page")
        return home

    def catalogue(self, home):
        catalogue = CourseIndexPage.objects.child_of(home).first()
        if catalogue:
            return catalogue
        catalogue = home.add_child(
            instance=CourseIndexPage(
                title="Courses",
                slug="courses",
                intro="<p>Pick a topic and a level. Every course is a sequence of short "
                "lessons with examples and exercises.</p>",
            )
        )
        catalogue.save_revision().publish()
        self.stdout.write("Created the catalogue")
        return catalogue

    def course(self, catalogue, data, colours, educator):
        """A demo course and its lessons, owned by the demo educator (who may then edit
        them, and only them: learning.permissions)."""
        course = CoursePage.objects.child_of(catalogue).filter(slug=data["slug"]).first()
        if course is None:
            course = CoursePage(
                owner=educator,
                title=data["title"],
                slug=data["slug"],
                summary=data["summary"],
                level=data["level"],
                estimated_hours=data["estimated_hours"],
                cover_image=self.image(data["title"], colours),
                learning_objectives=[("objective", text) for text in data["objectives"]],
                intro=self.stream(data["intro"], colours),
            )
            catalogue.add_child(instance=course)
            course.tags.add(*data["tags"])
            course.save_revision().publish()
            if data["members_only"]:
                PageViewRestriction.objects.create(
                    page=course, restriction_type=PageViewRestriction.LOGIN
                )
            self.stdout.write(f"Created course “{course.title}”")
        if course.owner_id is None:  # seeded before courses had owners
            CoursePage.objects.filter(pk=course.pk).update(owner=educator)
            self.stdout.write(f"Gave “{course.title}” to {educator.username}")
        existing = set(LessonPage.objects.child_of(course).values_list("slug", flat=True))
        for lesson in data["lessons"]:
            if lesson["slug"] in existing:
                continue
            page = course.add_child(
                instance=LessonPage(
                    owner=educator,
                    title=lesson["title"],
                    slug=lesson["slug"],
                    estimated_minutes=lesson["minutes"],
                    body=self.stream(lesson["body"], colours),
                )
            )
            page.save_revision().publish()
            self.stdout.write(f"  added lesson “{page.title}”")
        return course

    def stream(self, blocks, colours):
        """Turn demo blocks into StreamField data, creating images and documents on the way."""
        result = []
        for block_type, value in blocks:
            if block_type == "image":
                value = {"image": self.image(value["label"], colours), "caption": value["caption"]}
            elif block_type == "document":
                value = {"document": self.document(value), "title": value["title"]}
            result.append((block_type, value))
        return result

    # Media ---------------------------------------------------------------------------------

    def image(self, label, colours):
        """A simple generated illustration (gradient and title), reused on later runs."""
        Image = get_image_model()
        existing = Image.objects.filter(title=label).first()
        if existing:
            return existing
        width, height = 1280, 640
        picture = PILImage.new("RGB", (width, height), colours[0])
        draw = ImageDraw.Draw(picture)
        start, end = (_rgb(colours[0]), _rgb(colours[1]))
        for x in range(width):
            mix = x / width
            draw.line(
                [(x, 0), (x, height)],
                fill=tuple(int(a + (b - a) * mix) for a, b in zip(start, end, strict=True)),
            )
        font = ImageFont.load_default(size=64)
        draw.multiline_text((80, height // 2 - 40), label, fill="white", font=font)
        buffer = io.BytesIO()
        picture.save(buffer, format="PNG")
        slug = "".join(ch if ch.isalnum() else "-" for ch in label.lower())
        return Image.objects.create(
            title=label,
            description=label,
            file=ImageFile(io.BytesIO(buffer.getvalue()), name=f"demo-{slug}.png"),
        )

    def document(self, value):
        Document = get_document_model()
        existing = Document.objects.filter(title=value["title"]).first()
        if existing:
            return existing
        document = Document(title=value["title"])
        document.file.save(value["filename"], ContentFile(value["content"].encode()), save=False)
        document.save()
        return document

    # People ----------------------------------------------------------------------------------

    def users(self):
        User = get_user_model()
        users = {}
        for username, password, role, _ in DEMO_USERS:
            user, created = User.objects.get_or_create(
                username=username,
                defaults={
                    "display_name": f"Demo {username.title()}",
                    "email": f"{username}@example.com",
                    "is_staff": role != "learner",
                    "is_superuser": role == "admin",
                },
            )
            if created:
                user.set_password(password)
                user.save()
                if role not in ("admin", "learner"):
                    user.groups.add(Group.objects.get(name=role))
                self.stdout.write(f"Created user {username}")
            users[username] = user
        return users


def _rgb(hex_colour):
    return tuple(int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
