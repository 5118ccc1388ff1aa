from ._devdata_absent import DevdataAbsentCommand


class Command(DevdataAbsentCommand):
    name = "seed_demo"
