from django.core.management.base import BaseCommand, CommandError


class DevdataAbsentCommand(BaseCommand):
    """Stands in for a command of the development data where that package is absent (the production
    image). Where devdata is present it comes first in INSTALLED_APPS, so its real command wins."""

    help = "Development only: needs the devdata package, which production images leave out."

    def create_parser(self, prog_name, subcommand, **kwargs):
        # Whatever the real command takes is accepted, so the answer is always the message below.
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser.parse_args = lambda args=None, namespace=None: parser.parse_known_args(args, namespace)[0]
        return parser

    def handle(self, *args, **options):
        raise CommandError(
            f"{self.name} is a development command: the devdata package (demo and synthetic data) is not "
            "installed here, as in the production image. Run it from a checkout of the repository."
        )
