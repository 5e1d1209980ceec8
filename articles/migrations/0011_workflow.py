"""The story workflow: an owner, the publish permission, the status log, and truthful times.

The old ``updated_at`` stamped every save (status changes and link decisions
too); it becomes ``modified_at``, and ``updated_at`` is now the time the
text changed after publication (filled in by ``0012_date_text_updates``).
"""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0010_remove_bare_lead_image'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterModelOptions(
            name='article',
            options={'ordering': ['-published_at', '-pk'], 'permissions': [('publish_article', 'Can publish, schedule, unpublish, archive and reopen stories')]},
        ),
        migrations.AddField(
            model_name='article',
            name='created_by',
            field=models.ForeignKey(blank=True, help_text="The story's owner: a reporter may edit only their own drafts.", null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='articles_created', to=settings.AUTH_USER_MODEL),
        ),
        migrations.RenameField(model_name='article', old_name='updated_at', new_name='modified_at'),
        migrations.AlterField(
            model_name='article',
            name='modified_at',
            field=models.DateTimeField(auto_now=True, verbose_name='last saved'),
        ),
        migrations.AddField(
            model_name='article',
            name='republish_at',
            field=models.DateTimeField(blank=True, help_text='When a story that was public before goes back on the site (its first publication time stays).', null=True),
        ),
        migrations.AlterField(
            model_name='article',
            name='published_at',
            field=models.DateTimeField(blank=True, db_index=True, help_text='When readers could first see the story; never changes once that moment has passed. Until then, the planned time of a scheduled story.', null=True, verbose_name='first published'),
        ),
        migrations.AddField(
            model_name='article',
            name='updated_at',
            field=models.DateTimeField(blank=True, help_text='When the text (headline, standfirst, body) last changed after the story was first public.', null=True, verbose_name='updated'),
        ),
        migrations.CreateModel(
            name='ArticleTransition',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('at', models.DateTimeField(db_index=True, default=django.utils.timezone.now)),
                ('from_status', models.CharField(choices=[('draft', 'Draft'), ('review', 'In review'), ('scheduled', 'Scheduled'), ('published', 'Published'), ('archived', 'Archived')], max_length=20)),
                ('to_status', models.CharField(choices=[('draft', 'Draft'), ('review', 'In review'), ('scheduled', 'Scheduled'), ('published', 'Published'), ('archived', 'Archived')], max_length=20)),
                ('goes_live_at', models.DateTimeField(blank=True, help_text='For a story set to go live: the time it goes (or went) live.', null=True)),
                ('comment', models.CharField(blank=True, max_length=500)),
                ('article', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='transitions', to='articles.article')),
                ('user', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'status change',
                'ordering': ['-at', '-pk'],
            },
        ),
    ]
