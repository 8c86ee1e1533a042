"""Mutes in the admin: who may not comment, until when and why; mute someone; lift a mute.

Creating and lifting go through ``community.moderation.mute`` and ``unmute``: they check
the rules and write the audit log. A mute is never edited or deleted (its history stays).
"""

from datetime import timedelta

import django_filters
from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.views.generic import FormView
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn, StatusTagColumn, TitleColumn
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.admin.views.generic import CreateView, HistoryView, IndexView, InspectView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import Button, HeaderButton
from wagtail.permissions import policy_registry

from community import moderation
from community.admin.inspect import (
    BlankAsDashMixin,
    InspectInsteadOfEditMixin,
    InspectURLFinder,
    person,
)
from community.models import Mute

DURATIONS = [("1", "1 day"), ("7", "7 days"), ("30", "30 days"), ("", "For good")]


def state(mute):
    if mute.lifted_at:
        return "Lifted"
    return "In force" if mute.is_active else "Ended"


class MuteForm(forms.ModelForm):
    username = forms.CharField(label="Username", max_length=150)
    duration = forms.ChoiceField(
        label="For how long",
        choices=DURATIONS,
        initial="7",
        widget=forms.RadioSelect,
        required=False,
    )

    class Meta:
        model = Mute
        fields = ["reason"]
        widgets = {"reason": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"reason": "They are shown this when they try to comment."}

    field_order = ["username", "duration", "reason"]

    def clean_username(self):
        username = self.cleaned_data["username"].strip()
        self.user = get_user_model().objects.filter(username=username).first()
        if self.user is None:
            raise forms.ValidationError(f"There is nobody with the username “{username}”.")
        return username

    def until(self):
        days = self.cleaned_data["duration"]
        return timezone.now() + timedelta(days=int(days)) if days else None


class MuteCreateView(CreateView):
    page_title = "Mute someone"
    submit_button_label = "Mute"
    submit_button_active_label = "Muting…"

    def save_instance(self):
        return moderation.mute(
            self.form.user,
            by=self.request.user,
            reason=self.form.cleaned_data["reason"],
            until=self.form.until(),
        )

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except moderation.Refused as refusal:
            form.add_error(None, refusal.message)
            self.produced_error_message = refusal.message
            return self.form_invalid(form)

    def get_page_subtitle(self):
        return ""

    def get_success_message(self, instance):
        return f"{person(instance.user)} is muted {instance.period_display}."

    def get_success_buttons(self):
        return []


class MuteFilterSet(WagtailFilterSet):
    state = django_filters.ChoiceFilter(
        label="State",
        choices=[("in_force", "In force"), ("over", "Ended or lifted")],
        method="filter_state",
        empty_label="All",
        widget=forms.RadioSelect,
    )

    class Meta:
        model = Mute
        fields = []

    def filter_state(self, queryset, name, value):
        in_force = Q(pk__in=Mute.objects.active().values("pk"))
        return queryset.filter(in_force if value == "in_force" else ~in_force)


def may_lift(user):
    return policy_registry.get_by_type(Mute).user_has_permission(user, "lift")


class MuteIndexView(IndexView):
    lift_url_name = None
    add_item_label = "Mute someone"

    def get_base_queryset(self):
        return Mute.objects.select_related("user", "muted_by", "lifted_by")

    @cached_property
    def columns(self):
        title = self._get_title_column_class(TitleColumn)(
            "user", label="Person", accessor=lambda m: person(m.user), get_url=self.get_inspect_url
        )
        return [
            title,
            Column("reason", label="Reason"),
            Column("until", label="For how long", accessor="period_display", sort_key="until"),
            StatusTagColumn("state", label="State", accessor=state, primary=lambda m: m.is_active),
            Column("muted_by", label="Muted by", accessor=lambda m: person(m.muted_by)),
            DateColumn("created_at", label="Muted on", sort_key="created_at"),
        ]

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if instance.is_active and may_lift(self.request.user):
            url = reverse(self.lift_url_name, args=[instance.pk])
            buttons.append(Button("Lift mute", url=url, icon_name="lock-open", priority=10))
        return buttons


class MuteInspectView(BlankAsDashMixin, InspectView):
    lift_url_name = None
    history_url_name = None

    def get_user_display_value(self):
        return person(self.object.user)

    def get_muted_by_display_value(self):
        return person(self.object.muted_by)

    def get_lifted_by_display_value(self):
        return person(self.object.lifted_by) if self.object.lifted_by else None

    def get_until_display_value(self):
        return f"{self.object.period_display} ({state(self.object).lower()})"

    @cached_property
    def header_buttons(self):
        if self.object.is_active and may_lift(self.request.user):
            url = reverse(self.lift_url_name, args=[self.object.pk])
            return [HeaderButton("Lift mute", url=url, icon_name="lock-open")]
        return []

    @cached_property
    def header_more_buttons(self):
        url = reverse(self.history_url_name, args=[self.object.pk])
        return [Button("History", url=url, icon_name="history")]


class LiftForm(forms.Form):
    reason = forms.CharField(
        label="Reason", max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class LiftMuteView(WagtailAdminTemplateMixin, FormView):
    template_name = "community/admin/lift_mute.html"
    form_class = LiftForm
    header_icon = "lock-open"
    page_title = "Lift mute"
    index_url_name = None
    inspect_url_name = None

    def dispatch(self, request, *args, **kwargs):
        if not may_lift(request.user):
            raise PermissionDenied
        self.mute = get_object_or_404(Mute.objects.select_related("user"), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return person(self.mute.user)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse(self.index_url_name), "label": "Mutes"},
            {"url": reverse(self.inspect_url_name, args=[self.mute.pk]), "label": str(self.mute)},
            {"url": "", "label": "Lift"},
        ]

    def get_context_data(self, **kwargs):
        next_url = get_valid_next_url_from_request(self.request)
        return super().get_context_data(
            mute=self.mute,
            who=person(self.mute.user),
            next=next_url,
            cancel_url=next_url or reverse(self.inspect_url_name, args=[self.mute.pk]),
            **kwargs,
        )

    def form_valid(self, form):
        if moderation.unmute(self.mute, by=self.request.user, reason=form.cleaned_data["reason"]):
            messages.success(
                self.request, f"Mute lifted: {person(self.mute.user)} may comment again."
            )
        else:
            messages.info(self.request, "That mute was no longer in force.")
        return redirect(
            get_valid_next_url_from_request(self.request) or reverse(self.index_url_name)
        )


class MuteHistoryView(InspectInsteadOfEditMixin, HistoryView):
    pass


class MuteViewSet(ModelViewSet):
    model = Mute
    icon = "lock"
    menu_label = "Mutes"
    url_prefix = "community/mutes"
    url_namespace = "community_mutes"
    add_to_reference_index = False
    copy_view_enabled = False
    inspect_view_enabled = True
    index_view_class = MuteIndexView
    add_view_class = MuteCreateView
    inspect_view_class = MuteInspectView
    history_view_class = MuteHistoryView
    filterset_class = MuteFilterSet
    search_fields = ["user__username", "user__display_name", "reason"]
    ordering = "-created_at"
    inspect_view_fields = [
        "user",
        "reason",
        "until",
        "created_at",
        "muted_by",
        "lifted_at",
        "lifted_by",
    ]

    def get_form_class(self, for_update=False):
        return MuteForm

    @property
    def url_finder_class(self):
        return type(
            "MuteURLFinder", (InspectURLFinder,), {"inspect_url_name": self.get_url_name("inspect")}
        )

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(
            lift_url_name=self.get_url_name("lift"),
            inspect_url_name=self.get_url_name("inspect"),
            **kwargs,
        )

    @property
    def lift_view(self):
        return self.construct_view(LiftMuteView)

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("lift/<id:pk>/", self.lift_view, name="lift"),
        ]
