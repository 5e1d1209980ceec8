"""Text fields that never store a NUL and names without invisible characters; limits on long text.

No schema change: the columns stay as they were, only validation and saving differ.
"""


import entities.fields
import entities.limits
from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0013_roles'),
    ]

    operations = [
        migrations.AlterField(
            model_name='article',
            name='body',
            field=entities.fields.TextField(help_text='One paragraph per line; light Markdown (*italic*, **bold**, [links](url)). A photo from the library: [image:42] on a line of its own, or [image:42 A caption for this story].', validators=[entities.limits.TextLengthValidator(100000)]),
        ),
        migrations.AlterField(
            model_name='article',
            name='body_html',
            field=entities.fields.TextField(blank=True, editable=False),
        ),
        migrations.AlterField(
            model_name='article',
            name='body_text',
            field=entities.fields.TextField(blank=True, editable=False),
        ),
        migrations.AlterField(
            model_name='article',
            name='headline',
            field=entities.fields.NameField(max_length=255),
        ),
        migrations.AlterField(
            model_name='article',
            name='search_document',
            field=entities.fields.TextField(blank=True, editable=False),
        ),
        migrations.AlterField(
            model_name='article',
            name='standfirst',
            field=entities.fields.TextField(blank=True, help_text='The summary under the headline.', validators=[entities.limits.TextLengthValidator(1000)]),
        ),
        migrations.AlterField(
            model_name='byline',
            name='name',
            field=entities.fields.NameField(max_length=200),
        ),
        migrations.AlterField(
            model_name='correction',
            name='text',
            field=entities.fields.TextField(validators=[entities.limits.TextLengthValidator(5000)]),
        ),
        migrations.AlterField(
            model_name='crossreference',
            name='anchor_text',
            field=entities.fields.CharField(blank=True, help_text="The words in this story's body that become the link, e.g. “The Gaze reported earlier”.", max_length=300),
        ),
        migrations.AlterField(
            model_name='crossreference',
            name='evidence',
            field=entities.fields.TextField(blank=True, help_text='The sentence that supports the link.'),
        ),
        migrations.AlterField(
            model_name='organizationmention',
            name='evidence',
            field=entities.fields.TextField(blank=True, help_text='The sentence that supports the link.'),
        ),
        migrations.AlterField(
            model_name='personmention',
            name='evidence',
            field=entities.fields.TextField(blank=True, help_text='The sentence that supports the link.'),
        ),
        migrations.AlterField(
            model_name='placemention',
            name='evidence',
            field=entities.fields.TextField(blank=True, help_text='The sentence that supports the link.'),
        ),
        migrations.AlterField(
            model_name='quote',
            name='cue',
            field=entities.fields.CharField(blank=True, help_text='E.g. “Kasčiūnas stated”.', max_length=300),
        ),
        migrations.AlterField(
            model_name='quote',
            name='evidence',
            field=entities.fields.TextField(blank=True, help_text='The sentence that supports the link.'),
        ),
        migrations.AlterField(
            model_name='quote',
            name='speaker_name',
            field=entities.fields.NameField(blank=True, help_text='The speaker as the analysis read it, until the person is known.', max_length=200),
        ),
        migrations.AlterField(
            model_name='quote',
            name='text',
            field=entities.fields.TextField(validators=[entities.limits.TextLengthValidator(5000)]),
        ),
        migrations.AlterField(
            model_name='section',
            name='description',
            field=entities.fields.TextField(blank=True, validators=[entities.limits.TextLengthValidator(10000)]),
        ),
        migrations.AlterField(
            model_name='section',
            name='name',
            field=entities.fields.NameField(max_length=100, unique=True),
        ),
        migrations.AlterField(
            model_name='sourceattribution',
            name='cue',
            field=entities.fields.CharField(blank=True, help_text='The words in the story, e.g. “according to LRT”.', max_length=500),
        ),
        migrations.AlterField(
            model_name='sourceattribution',
            name='evidence',
            field=entities.fields.TextField(blank=True, help_text='The sentence that supports the link.'),
        ),
        migrations.AlterField(
            model_name='suggestion',
            name='evidence',
            field=entities.fields.TextField(blank=True),
        ),
        migrations.AlterField(
            model_name='suggestion',
            name='key',
            field=entities.fields.CharField(help_text="The folded name, so spellings don't duplicate.", max_length=300),
        ),
        migrations.AlterField(
            model_name='suggestion',
            name='name',
            field=entities.fields.NameField(max_length=300),
        ),
    ]
