"""The dlt peer of the perf bench: loads clean postings (NDJSON) into PostgreSQL with
merge on the primary key, and prints {"rows": N, "seconds": S} for the run alone.

dlt normalizes nested fields its own way (location.* become columns, skills and
duplicates child tables), which is its equivalent of our star-schema split.

    python dlt-load.py POSTINGS.ndjson DATASET PIPELINES_DIR DSN
"""
import json
import sys
import time

import dlt


def main() -> None:
    path, dataset, pipelines_dir, dsn = sys.argv[1:5]
    with open(path, encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle if line.strip()]

    @dlt.resource(name="postings", write_disposition="merge", primary_key="id")
    def postings():
        yield rows

    pipeline = dlt.pipeline(
        pipeline_name=f"jobbench_perf_{dataset}",
        pipelines_dir=pipelines_dir,
        destination=dlt.destinations.postgres(credentials=dsn),
        dataset_name=dataset,
    )
    started = time.perf_counter()
    pipeline.run(postings())
    seconds = time.perf_counter() - started
    print(json.dumps({"rows": len(rows), "seconds": seconds}))


if __name__ == "__main__":
    main()
