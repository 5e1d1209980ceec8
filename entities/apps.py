from django.apps import AppConfig


class EntitiesConfig(AppConfig):
    name = "entities"
    verbose_name = "Authority file"

    def ready(self):
        import reversion

        from .models import Organization, Person, Place, Role, Source

        # Every admin save and every merge of an entity is a restorable revision;
        # a person's revision holds their roles.
        if not reversion.is_registered(Role):
            reversion.register(Role)
        if not reversion.is_registered(Person):
            reversion.register(Person, follow=("roles",))
        for model in (Organization, Place, Source):
            if not reversion.is_registered(model):
                reversion.register(model)
