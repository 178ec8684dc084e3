"""Bursts of parallel requests: limits hold and the server never stalls."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

from conftest import MakeClient
from framework_client import Client
from support import API, login, register

BURST = 60


def _burst(call: Callable[[int], int], size: int = BURST) -> Counter[int]:
    with ThreadPoolExecutor(max_workers=size) as pool:
        return Counter(pool.map(call, range(size)))


def test_a_burst_larger_than_the_connection_pool_is_served(
    make_client: MakeClient,
) -> None:
    # One connection for many parallel requests: a request that held its
    # connection while queueing for a worker thread would deadlock the pool.
    client = make_client(database_pool_size=1, database_pool_timeout_seconds=5)
    account = login(client, register(client))

    def call(_: int) -> int:
        return client.get(f"{API}/users/me", headers=account.headers).status_code

    assert _burst(call) == Counter({200: BURST})


def test_a_burst_of_reads_larger_than_the_pool_is_served(
    make_client: MakeClient,
) -> None:
    # Reads keep their connection unless the service ends the transaction;
    # the response is then serialised on a worker thread, which may have to
    # wait for a thread while the connection waits with it.
    client = make_client(database_pool_size=1, database_pool_timeout_seconds=5)
    account = login(client, register(client))

    def call(_: int) -> int:
        return client.get(f"{API}/notes", headers=account.headers).status_code

    assert _burst(call) == Counter({200: BURST})


def test_parallel_wrong_passwords_cannot_outrun_the_account_limit(
    client: Client,
) -> None:
    account = register(client)

    def guess(attempt: int) -> int:
        body = {"email": account.email, "password": f"wrong guess number {attempt}"}
        return client.post(f"{API}/auth/login", json=body).status_code

    statuses = _burst(guess, size=30)

    assert statuses[401] == 5
    assert statuses[429] == 25
