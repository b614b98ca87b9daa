"""Visit data in DynamoDB, for the Lambda function.

``dynamodb_adapter(table_name)`` returns the ASK SDK's own ``DynamoDbAdapter``
(from ``ask-sdk-dynamodb-persistence-adapter``) behind a thin lazy wrapper:

* Building it opens no connection and resolves no credentials.  The skill is
  built at import (the Lambda init phase, snapshotted by SnapStart), and a
  boto3 client resolves credentials when it is created - from the container
  credentials endpoint under SnapStart, or the instance metadata service when
  nothing else is configured.  So the boto3 resource is created on the first
  request that needs it, and reused afterwards.  What can be done without
  credentials - loading DynamoDB's service, endpoint and resource models into
  a session - is done at init (``warm_session``), so that it is in the
  SnapStart snapshot: the first request then creates its client in ~75 ms
  instead of ~280 ms (measured on the build machine).
* ``ask_sdk_dynamodb.adapter`` evaluates ``boto3.resource("dynamodb")`` as a
  default argument when it is imported: that fails without a region and
  creates a client (credentials included) at import.  We always pass our own
  resource, so that default is never used; it is replaced by ``None`` while
  the module is imported (see ``_adapter_class``).
* The table is never created at run time (``create_table=False``); the SAM
  template owns it.  Key ``id`` (string), the record under ``attributes``.
* Timeouts fit Alexa's 8 second budget (see ``CONNECT_TIMEOUT``).  Faults are
  raised as the SDK's ``PersistenceException``; ``skill.persistence`` catches
  them and answers as for a new user.

The endpoint comes from botocore's configuration, which honours
``AWS_ENDPOINT_URL_DYNAMODB`` (and ``AWS_ENDPOINT_URL``): the tests point it at
a local moto server that way.
"""

from __future__ import annotations

import os
import threading
from typing import TYPE_CHECKING, Any

from ask_sdk_core.attributes_manager import AbstractPersistenceAdapter

if TYPE_CHECKING:
    from ask_sdk_model import RequestEnvelope
    from botocore.config import Config

#: Partition key of the table (must match template.yaml) and the attribute holding the record.
PARTITION_KEY = "id"
ATTRIBUTE_NAME = "attributes"

#: Alexa waits 8 s for an answer, and the function gives up at 7 s (template.yaml).
#: The read and the write both happen on a session's first request (the write is
#: skipped when the read failed), so each call must stay under about 3 s:
#: at most ``TOTAL_ATTEMPTS`` = 2 HTTP attempts (one retry; botocore's
#: ``max_attempts`` would count *retries*, so ``max_attempts: 2`` means three
#: attempts), each bounded by 0.5 s to connect and 1 s per read, with standard-mode
#: backoff before the retry of at most 25 ms (1 s after throttling, whose answer
#: itself is immediate).  Worst case per call about 2 x 1.5 s = 3 s, both calls
#: about 6 s: inside 7 s.  DynamoDB answers GetItem/PutItem in milliseconds from
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
    """A boto3 session with DynamoDB's models already loaded - and no client, no credentials.

    Loading the service, endpoint-rule and resource models is most of the cost of
    the first client; doing it here, at init, puts it in the SnapStart snapshot.
    The region is Lambda's ``AWS_REGION`` (``AWS_DEFAULT_REGION`` otherwise).
    """
    import boto3
    import botocore.session

    core = botocore.session.get_session()
    region = os.environ.get("AWS_REGION") or os.environ.get("AWS_DEFAULT_REGION") or None
    session = boto3.session.Session(botocore_session=core, region_name=region)
    model = core.get_service_model("dynamodb")
    loader = core.get_component("data_loader")
    loader.load_service_model("dynamodb", "endpoint-rule-set-1", model.api_version)
    loader.load_service_model("dynamodb", "resources-1", model.api_version)
    return session


def dynamodb_resource(session: Any = None) -> Any:
    """A boto3 DynamoDB resource with our timeouts.

    Creating it resolves credentials, so call it on a request, not at import.
    """
    return (session or warm_session()).resource("dynamodb", config=client_config())


def _adapter_class() -> type[AbstractPersistenceAdapter]:
    """``ask_sdk_dynamodb.adapter.DynamoDbAdapter``, imported without its default resource.

    The module's ``dynamodb_resource=boto3.resource("dynamodb")`` default runs
    at import; while the module is first imported, ``boto3.resource`` returns
    ``None`` so that no client is created.  Every adapter we build gets an
    explicit resource.
    """
    import importlib
    import sys

    module = sys.modules.get("ask_sdk_dynamodb.adapter")
    if module is None:
        import boto3

        real_resource = boto3.resource
        boto3.resource = lambda *args, **kwargs: None
        try:
            module = importlib.import_module("ask_sdk_dynamodb.adapter")
        finally:
            boto3.resource = real_resource
    adapter_class: type[AbstractPersistenceAdapter] = module.DynamoDbAdapter
    return adapter_class


class LazyDynamoDbAdapter(AbstractPersistenceAdapter):
    """The SDK's ``DynamoDbAdapter``, created with our resource on first use.

    Thread-safe; one resource (and its connection pool) per adapter.
    """

    def __init__(self, table_name: str) -> None:
        if not table_name:
            raise ValueError("a DynamoDB table name is required")
        self.table_name = table_name
        self._adapter_class = _adapter_class()
        self._session = warm_session()
        self._adapter: AbstractPersistenceAdapter | None = None
        self._resource: Any = None
        self._lock = threading.Lock()

    def resource(self) -> Any:
        """The boto3 resource (created on first call)."""
        self._delegate()
        return self._resource

    def _delegate(self) -> AbstractPersistenceAdapter:
        if self._adapter is None:
            with self._lock:
                if self._adapter is None:
                    resource = dynamodb_resource(self._session)
                    self._resource = resource
                    self._adapter = self._adapter_class(  # type: ignore[call-arg]
                        self.table_name,
                        partition_key_name=PARTITION_KEY,
                        attribute_name=ATTRIBUTE_NAME,
                        create_table=False,
                        dynamodb_resource=resource,
                    )
        return self._adapter

    def get_attributes(self, request_envelope: RequestEnvelope) -> dict[str, Any]:
        return self._delegate().get_attributes(request_envelope)

    def save_attributes(
        self, request_envelope: RequestEnvelope, attributes: dict[str, Any]
    ) -> None:
        self._delegate().save_attributes(request_envelope, attributes)

    def delete_attributes(self, request_envelope: RequestEnvelope) -> None:
        self._delegate().delete_attributes(request_envelope)


def dynamodb_adapter(table_name: str) -> AbstractPersistenceAdapter:
    """The visit store for ``table_name``; opens no connection until first used."""
    return LazyDynamoDbAdapter(table_name)
