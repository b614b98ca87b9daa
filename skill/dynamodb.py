"""Visit data in DynamoDB, for the Lambda function.

``dynamodb_adapter(table_name)`` returns an ASK SDK persistence adapter
(``AbstractPersistenceAdapter``, and a ``skill.persistence.VisitStore``) that
talks to DynamoDB through a plain botocore client.

Items: partition key ``id`` (the Alexa user id, as in the SDK's own
``ask-sdk-dynamodb-persistence-adapter``) and the record's four fields as
top-level attributes::

    {"id": {"S": "amzn1.ask.account..."}, "visits": {"N": "3"},
     "first_visit": {"S": "2026-11-01"}, "last_visit": {"S": "2026-11-24"},
     "disclaimer_heard": {"BOOL": true}}

Top-level, because the session's one write is an ``UpdateItem`` that counts
the visit in DynamoDB itself (``SET visits = if_not_exists(visits, :base) + :one``),
so that concurrent sessions of one user all count: an update expression cannot
create a map and a path inside it at once, so the SDK adapter's layout (the
record as a map under ``attributes``) would need a second write for every new
user.  That layout - what the SDK adapter and earlier versions of this skill
wrote - is still read, and the user's next visit moves it to the top level in
the same single write, keeping the count.  The SDK adapter cannot read items in
the new layout (``tests/test_dynamodb.py`` checks both directions).

Why not that package itself:

* It evaluates ``boto3.resource("dynamodb")`` as a default argument when it is
  imported: without a region that raises, and with one it builds a client and
  resolves credentials at import - a network call to the credentials endpoint
  during the Lambda init phase that SnapStart snapshots.
* It works through boto3's resource layer.  On a cold start that layer alone
  costs about 33 ms to import and 84 ms to create (measured on the build
  machine), which kept our cold start with a table at 0.93 of the naive
  ``StandardSkillBuilder`` pattern; ``make bench`` targets 0.8 or less.
  The skill stores four scalar fields, which need no resource layer.

Building the adapter opens no connection and resolves no credentials: DynamoDB's
service and endpoint-rule models are loaded into a botocore session at init
(``warm_session``), so that SnapStart snapshots them, and the client is created
on the first request.  The table is never created at run time; the SAM template
owns it.  Faults are raised as the SDK's ``PersistenceException``;
``skill.persistence`` catches them and answers as for a new user.

The endpoint comes from botocore's configuration, which honours
``AWS_ENDPOINT_URL_DYNAMODB`` (and ``AWS_ENDPOINT_URL``): the tests point it at
a local moto server that way.
"""

from __future__ import annotations

import os
import threading
from typing import TYPE_CHECKING, Any

from ask_sdk_core.exceptions import PersistenceException

from skill.persistence import FIELDS, STORED_KEYS, Visit, VisitStore, user_key

if TYPE_CHECKING:
    from ask_sdk_model import RequestEnvelope
    from botocore.config import Config

#: Partition key of the table (must match template.yaml), as in the SDK's adapter.
PARTITION_KEY = "id"
#: Where ask-sdk-dynamodb-persistence-adapter (and this skill until it counted atomically) kept
#: the record, as one map; read when an item has no top-level fields, removed by the next write.
ATTRIBUTE_NAME = "attributes"

#: The session's one write.  Both count the visit in DynamoDB, so concurrent sessions all count.
#: ``:base`` and ``:first`` are what the session read (0 and today for a new user): they only
#: apply to an item without top-level fields, i.e. one in the map layout, which moves up here.
RECORD_VISIT = (
    "SET #visits = if_not_exists(#visits, :base) + :one,"
    " #first_visit = if_not_exists(#first_visit, :first),"
    " #last_visit = :today, #disclaimer_heard = :true"
    " REMOVE #attributes"
)
#: For a record that failed the schema: whatever is stored becomes a first visit.
REPLACE_VISIT = (
    "SET #visits = :one, #first_visit = :today, #last_visit = :today, #disclaimer_heard = :true"
    " REMOVE #attributes"
)
_NAMES = {f"#{name}": name for name in (*FIELDS, ATTRIBUTE_NAME)}

#: Alexa waits 8 s for an answer, and the function gives up at 7 s (template.yaml).
#: The read and the write both happen on a session's first request (the write is
#: skipped when the read failed), so each call must stay under about 3 s:
#: at most ``TOTAL_ATTEMPTS`` = 2 HTTP attempts (one retry; botocore's
#: ``max_attempts`` would count *retries*, so ``max_attempts: 2`` means three
#: attempts), each bounded by 0.5 s to connect and 1 s per read, with standard-mode
#: backoff before the retry of at most 25 ms (1 s after throttling, whose answer
#: itself is immediate).  Worst case per call about 2 x 1.5 s = 3 s, both calls
#: about 6 s: inside 7 s.  DynamoDB answers GetItem/UpdateItem in milliseconds from
#: inside the region, so the limits only bound outages, never normal latency.
CONNECT_TIMEOUT = 0.5
READ_TIMEOUT = 1.0
TOTAL_ATTEMPTS = 2
#: Worst time one call can take (used by the tests and the template's timeout check).
WORST_CALL_SECONDS = TOTAL_ATTEMPTS * (CONNECT_TIMEOUT + READ_TIMEOUT) + 0.1


def client_config() -> Config:
    """The botocore configuration of the DynamoDB client."""
    from botocore.config import Config

    return Config(
        connect_timeout=CONNECT_TIMEOUT,
        read_timeout=READ_TIMEOUT,
        retries={"total_max_attempts": TOTAL_ATTEMPTS, "mode": "standard"},
    )


def warm_session() -> Any:
    """A botocore session with DynamoDB's models already loaded - and no client, no credentials.

    Loading the data files a client needs (the DynamoDB service and endpoint-rule
    models, botocore's endpoint and partition tables, its default configuration
    and retry rules) is most of the cost of the first client; doing it here, at
    init, puts it in the SnapStart snapshot.  The loader caches what it loads, so
    the client created on the first request reads none of it again.
    """
    import botocore.session

    session = botocore.session.get_session()
    loader = session.get_component("data_loader")
    model = session.get_service_model("dynamodb")
    loader.load_service_model("dynamodb", "endpoint-rule-set-1", model.api_version)
    for name in ("endpoints", "partitions", "sdk-default-configuration", "_retry"):
        loader.load_data(name)
    return session


def to_attribute_value(value: Any) -> dict[str, Any]:
    """A visit-record value as a DynamoDB attribute value (the types the record uses)."""
    if isinstance(value, bool):  # before int: bool is an int
        return {"BOOL": value}
    if isinstance(value, int | float):
        return {"N": str(value)}
    if isinstance(value, str):
        return {"S": value}
    if value is None:
        return {"NULL": True}
    if isinstance(value, dict):
        return {"M": {str(k): to_attribute_value(v) for k, v in value.items()}}
    raise TypeError(f"cannot store {type(value).__name__} in a visit record")


def from_attribute_value(attribute: dict[str, Any]) -> Any:
    """The inverse of :func:`to_attribute_value`, and lenient: it never fails on stored data.

    A list reads as a list; the types a record never has (sets, binary) read as the attribute
    value itself (a dict).  Either way ``skill.persistence.parse_visit`` then finds the record
    invalid, and the next visit replaces it, instead of every read failing for that user.
    """
    (kind, value), *_ = attribute.items()
    if kind == "N":
        number = str(value)
        return int(number) if number.lstrip("-").isdigit() else float(number)
    if kind == "M":
        return {k: from_attribute_value(v) for k, v in value.items()}
    if kind == "L":
        return [from_attribute_value(v) for v in value]
    if kind == "NULL":
        return None
    if kind in {"S", "BOOL"}:
        return value
    return dict(attribute)


class DynamoDbVisitAdapter(VisitStore):
    """Reads and writes one user's visit record; the client is created on first use.

    Thread-safe: one client (and its connection pool) per adapter.
    """

    def __init__(self, table_name: str, session: Any = None) -> None:
        if not table_name:
            raise ValueError("a DynamoDB table name is required")
        self.table_name = table_name
        self._session = session if session is not None else warm_session()
        self._client: Any = None
        self._lock = threading.Lock()

    def client(self) -> Any:
        """The botocore DynamoDB client (created, and credentials resolved, on first call)."""
        if self._client is None:
            with self._lock:
                if self._client is None:
                    region = os.environ.get("AWS_REGION") or os.environ.get("AWS_DEFAULT_REGION")
                    self._client = self._session.create_client(
                        "dynamodb", region_name=region or None, config=client_config()
                    )
        return self._client

    def _key(self, request_envelope: RequestEnvelope) -> dict[str, Any]:
        return {PARTITION_KEY: {"S": user_key(request_envelope)}}

    def get_attributes(self, request_envelope: RequestEnvelope) -> dict[str, Any]:
        """The user's record: the item's top-level fields, else its map (the SDK's layout)."""
        try:
            response = self.client().get_item(
                TableName=self.table_name, Key=self._key(request_envelope), ConsistentRead=True
            )
        except Exception as error:
            raise PersistenceException(f"GetItem on {self.table_name} failed: {error}") from error
        item = response.get("Item") or {}
        fields = {name: from_attribute_value(item[name]) for name in FIELDS if name in item}
        if fields:
            return fields
        stored = item.get(ATTRIBUTE_NAME)
        record = from_attribute_value(stored) if stored else {}
        return record if isinstance(record, dict) else {}

    def save_attributes(
        self, request_envelope: RequestEnvelope, attributes: dict[str, Any]
    ) -> None:
        """Store ``attributes`` as the user's whole item; only the record's fields can be stored."""
        unknown = set(attributes) - STORED_KEYS
        if unknown:
            raise ValueError(f"only visit data is stored, not {sorted(unknown)}")
        item = {**self._key(request_envelope)}
        item.update({k: to_attribute_value(v) for k, v in attributes.items()})
        try:
            self.client().put_item(TableName=self.table_name, Item=item)
        except Exception as error:
            raise PersistenceException(f"PutItem on {self.table_name} failed: {error}") from error

    def record_visit(
        self,
        request_envelope: RequestEnvelope,
        today: str,
        seen: Visit | None,
        *,
        replace: bool = False,
    ) -> None:
        """One ``UpdateItem`` (see :data:`RECORD_VISIT`); creates the item for a new user."""
        values: dict[str, Any] = {
            ":one": {"N": "1"},
            ":today": {"S": today},
            ":true": {"BOOL": True},
        }
        if not replace:
            values[":base"] = {"N": str(seen.visits if seen else 0)}
            values[":first"] = {"S": seen.first_visit if seen else today}
        try:
            self.client().update_item(
                TableName=self.table_name,
                Key=self._key(request_envelope),
                UpdateExpression=REPLACE_VISIT if replace else RECORD_VISIT,
                ExpressionAttributeNames=_NAMES,
                ExpressionAttributeValues=values,
            )
        except Exception as error:
            raise PersistenceException(
                f"UpdateItem on {self.table_name} failed: {error}"
            ) from error

    def delete_attributes(self, request_envelope: RequestEnvelope) -> None:
        try:
            self.client().delete_item(TableName=self.table_name, Key=self._key(request_envelope))
        except Exception as error:
            raise PersistenceException(
                f"DeleteItem on {self.table_name} failed: {error}"
            ) from error


def dynamodb_adapter(table_name: str) -> DynamoDbVisitAdapter:
    """The visit store for ``table_name``; opens no connection until first used."""
    return DynamoDbVisitAdapter(table_name)
