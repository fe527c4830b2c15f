from django.forms.renderers import TemplatesSetting


class WijkFormRenderer(TemplatesSetting):
    """Render forms with the project's templates: the accessible layout in templates/forms/."""

    form_template_name = "forms/form.html"
    field_template_name = "forms/field.html"
