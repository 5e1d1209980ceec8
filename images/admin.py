"""
The photo library in the admin: upload once, describe once, find again by
text, credit and date; thumbnails in the list, a click on the preview sets
the focal point, and the change form lists the stories that use the photo.
"""

from django.contrib import admin
from django.template.defaultfilters import filesizeformat
from django.utils.html import format_html, format_html_join

from . import markup, usage
from .forms import ImageAdminForm
from .models import Image


class AltTextFilter(admin.SimpleListFilter):
    title = "alt text"
    parameter_name = "alt"

    def lookups(self, request, model_admin):
        return [("missing", "Missing"), ("written", "Written")]

    def queryset(self, request, queryset):
        if self.value() == "missing":
            return queryset.missing_alt_text()
        if self.value() == "written":
            return queryset.exclude(alt_text="")
        return queryset


class CreditFilter(admin.SimpleListFilter):
    """The credits in use, as printed: one query, however many photos."""

    title = "credit"
    parameter_name = "credit"

    def lookups(self, request, model_admin):
        credits = Image.objects.exclude(credit="").order_by("credit").values_list("credit", flat=True).distinct()
        return [(credit, credit) for credit in credits[:100]]

    def queryset(self, request, queryset):
        return queryset.filter(credit=self.value()) if self.value() else queryset


@admin.register(Image)
class ImageAdmin(admin.ModelAdmin):
    form = ImageAdminForm
    fieldsets = [
        (None, {"fields": ["file", "preview", "title", "caption", "alt_text"]}),
        ("Credit", {"fields": ["credit", "credit_person", "credit_source"]}),
        ("Crop", {"fields": ["focal_x", "focal_y"], "description": "Click the preview to set the focal point."}),
        ("When and where", {"fields": ["taken_on", "taken_place", "show_taken"]}),
        ("Use", {"fields": ["insert_code", "used_by", "details"]}),
    ]
    readonly_fields = ["preview", "insert_code", "used_by", "details"]
    autocomplete_fields = ["credit_person", "credit_source", "taken_place"]
    list_display = ["thumbnail", "title", "credit", "taken_on", "alt_status", "dimensions", "insert_code", "created_at"]
    list_display_links = ["thumbnail", "title"]
    list_filter = [AltTextFilter, CreditFilter, "credit_source", "taken_on", "created_at"]
    search_fields = ["title", "caption", "alt_text", "credit", "credit_person__name", "credit_source__name"]
    date_hierarchy = "created_at"
    list_per_page = 50

    class Media:
        js = ["js/focal-point.js"]
        css = {"all": ["css/photo-admin.css"]}

    def save_model(self, request, obj, form, change):
        if not change:
            obj.uploaded_by = request.user
        super().save_model(request, obj, form, change)

    @admin.display(description="")
    def thumbnail(self, image: Image):
        return markup.picture(image, "teaser", sizes="120px", css_class="library-thumbnail")

    @admin.display(description="preview")
    def preview(self, image: Image):
        if not image.pk:
            return "Shown once the photo is saved."
        return format_html(
            # Data attributes, set as CSS variables by focal-point.js: the CSP allows no inline style.
            '<div class="focal-point-picker" data-focal-x="{}" data-focal-y="{}">{}'
            '<span class="focal-point-marker" aria-hidden="true"></span></div>',
            image.focal_x, image.focal_y, markup.picture(image, "full", sizes="40rem", loading="eager"),
        )

    @admin.display(description="alt text", boolean=True, ordering="alt_text")
    def alt_status(self, image: Image) -> bool:
        return bool(image.alt_text)

    @admin.display(description="size")
    def dimensions(self, image: Image) -> str:
        return f"{image.width} × {image.height}" if image.width else ""

    @admin.display(description="in a story's body")
    def insert_code(self, image: Image):
        if not image.pk:
            return ""
        return format_html("<code>[image:{}]</code>", image.pk)

    @admin.display(description="used by")
    def used_by(self, image: Image):
        uses = usage.uses_of(image.pk) if image.pk else []
        if not uses:
            return "No story yet."
        return format_html(
            "<ul>{}</ul>",
            format_html_join("", '<li><a href="{}">{}</a>{}</li>',
                             ((use.admin_url, use.title, " (live)" if use.live else "") for use in uses)),
        )

    @admin.display(description="stored")
    def details(self, image: Image) -> str:
        if not image.pk:
            return ""
        ready = "renditions ready" if image.renditions_ready else "renditions being made"
        return f"{image.get_format_display()}, {image.width} × {image.height}, {filesizeformat(image.file_size)}; {ready}"
