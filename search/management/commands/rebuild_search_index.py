"""Rebuild the search engine's index from the database, with a progress bar (issue #4)."""

from django.core.management.base import BaseCommand
from tqdm import tqdm

from search.indexing import CHUNK_SIZE, search_index_rebuild


class Command(BaseCommand):
    help = (
        "Rebuild the search index of every portal from the database: a new index filled in bulk, "
        "then swapped in atomically (same documents as update_index, faster)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--backend", dest="backend_name", default="default", help="search backend name")
        parser.add_argument("--chunk-size", type=int, default=CHUNK_SIZE, help="objects per bulk request")

    def handle(self, *args, backend_name, chunk_size, verbosity=1, **options):
        with tqdm(unit=" documents", disable=verbosity < 1, file=self.stderr) as bar:
            stats = search_index_rebuild(backend_name=backend_name, chunk_size=chunk_size, progress=bar.update)
        self.stdout.write(f"indexed {stats.documents} documents into {stats.indexes} index(es)")
