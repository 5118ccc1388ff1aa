from ._devdata_absent import DevdataAbsentCommand


class Command(DevdataAbsentCommand):
    name = "generate_data"
