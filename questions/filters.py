"""The answered-questions list's filter: its topic, ``chu-de`` (dolisa_site.list_urls)."""

import django_filters
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django_filters.fields import ModelChoiceField

from dolisa_site.list_urls import kebab_case_names
from dolisa_site.request_info import parse_id

from .models import Question, Topic


class IdChoiceField(ModelChoiceField):
    """A choice by id that reads it with parse_id first: "²", " 5" or a number too long for the
    column is no id and is not looked up."""

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if parse_id(value) is None:
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class IdChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = IdChoiceField


@kebab_case_names
class QuestionFilter(django_filters.FilterSet):
    chu_de = IdChoiceFilter(
        label=_("Topic"), field_name="topic", queryset=Topic.objects.all(), empty_label=_("All topics")
    )

    class Meta:
        model = Question
        fields = []
