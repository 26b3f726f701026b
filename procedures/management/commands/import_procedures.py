from procedures.importing import ProcedureImporter

from .import_dossiers import Command as ImportCommand


class Command(ImportCommand):
    help = "Import the procedure catalogue (.csv or .xlsx), keyed on the procedure code."
    importer_class = ProcedureImporter
