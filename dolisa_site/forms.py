"""The project's form renderer: every field rendered the Django way, through one template.

``{{ form }}`` and ``{{ field.as_field_group }}`` use ``templates/forms/field.html``: the label,
the help text (id ``<id>_helptext``), the widget and the errors (id ``<id>_error``). Django
writes ``aria-describedby`` on the widget naming exactly those two ids, so a screen reader
reads the help and the errors with the field. TemplatesSetting loads the project's templates
(``django.forms`` in INSTALLED_APPS supplies Django's own widget templates).
"""

from django.forms.renderers import TemplatesSetting


class FormRenderer(TemplatesSetting):
    field_template_name = "forms/field.html"
