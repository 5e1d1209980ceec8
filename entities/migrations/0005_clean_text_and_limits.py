"""Text fields that never store a NUL and names without invisible characters; limits on long text.

No schema change: the columns stay as they were, only validation and saving differ.
"""


import entities.fields
import entities.limits
from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('entities', '0004_fill_name_keys'),
    ]

    operations = [
        migrations.AlterField(
            model_name='organization',
            name='aliases',
            field=entities.fields.NamesField(blank=True, help_text='Other spellings, one per line. Matching ignores case and diacritics.', validators=[entities.limits.TextLengthValidator(5000)]),
        ),
        migrations.AlterField(
            model_name='organization',
            name='description',
            field=entities.fields.TextField(blank=True, validators=[entities.limits.TextLengthValidator(10000)]),
        ),
        migrations.AlterField(
            model_name='organization',
            name='name',
            field=entities.fields.NameField(max_length=200),
        ),
        migrations.AlterField(
            model_name='person',
            name='aliases',
            field=entities.fields.NamesField(blank=True, help_text='Other spellings, one per line. Matching ignores case and diacritics.', validators=[entities.limits.TextLengthValidator(5000)]),
        ),
        migrations.AlterField(
            model_name='person',
            name='description',
            field=entities.fields.TextField(blank=True, validators=[entities.limits.TextLengthValidator(10000)]),
        ),
        migrations.AlterField(
            model_name='person',
            name='name',
            field=entities.fields.NameField(max_length=200),
        ),
        migrations.AlterField(
            model_name='place',
            name='aliases',
            field=entities.fields.NamesField(blank=True, help_text='Other spellings, one per line. Matching ignores case and diacritics.', validators=[entities.limits.TextLengthValidator(5000)]),
        ),
        migrations.AlterField(
            model_name='place',
            name='description',
            field=entities.fields.TextField(blank=True, validators=[entities.limits.TextLengthValidator(10000)]),
        ),
        migrations.AlterField(
            model_name='place',
            name='name',
            field=entities.fields.NameField(max_length=200),
        ),
        migrations.AlterField(
            model_name='role',
            name='title',
            field=entities.fields.NameField(help_text='E.g. “Minister of Defence”.', max_length=200),
        ),
        migrations.AlterField(
            model_name='source',
            name='aliases',
            field=entities.fields.NamesField(blank=True, help_text='Other spellings, one per line. Matching ignores case and diacritics.', validators=[entities.limits.TextLengthValidator(5000)]),
        ),
        migrations.AlterField(
            model_name='source',
            name='description',
            field=entities.fields.TextField(blank=True, validators=[entities.limits.TextLengthValidator(10000)]),
        ),
        migrations.AlterField(
            model_name='source',
            name='language',
            field=entities.fields.CharField(blank=True, help_text='Language code, e.g. lt, en.', max_length=10),
        ),
        migrations.AlterField(
            model_name='source',
            name='name',
            field=entities.fields.NameField(max_length=200),
        ),
        migrations.AlterField(
            model_name='source',
            name='reliability_note',
            field=entities.fields.TextField(blank=True, help_text="The editors' note on how far to trust it.", validators=[entities.limits.TextLengthValidator(5000)]),
        ),
    ]
