"""The portal's own hooks (the contract is portal.plugins.PortalAppConfig)."""

from .selectors import visitor_kind  # noqa: F401 - the hook is the selector itself

project_leader_permissions = ("portal.view_organisation", "portal.view_region", "portal.view_municipality")
periodic_tasks = (
    ("Skicka påminnelser", "portal.tasks.send_due_reminders", {"minute": "*"}),
    ("Skicka utgående e-post", "portal.tasks.send_outbox", {"minute": "*"}),
    ("Rensa utgångna sessioner", "portal.tasks.purge_expired_sessions", {"minute": "15", "hour": "3"}),
    (
        "Anonymisera deltagaruppgifter efter projektens slut",
        "portal.tasks.expire_participant_data",
        {"minute": "45", "hour": "3"},
    ),
)
# Rows that change often and that no cached page shows.
page_cache_unseen_models = ("portal.reminder", "portal.outboxmessage")
# Development-only (devdata is left out of the production image): names, never imports.
demo_seed = "devdata.demo.portal.seed"
synthetic_generate = "devdata.synthetic.portal.generate"
