"""Demo and scale data for help requests, offers and matches (a ``seed_demo`` hook)."""


def seed(command, rng, scale):
    """Filled in below; see ``register_demo``."""


def register_demo():
    from bewoners.management.commands.seed_demo import seed_demo_hooks

    if seed not in seed_demo_hooks:
        seed_demo_hooks.append(seed)
