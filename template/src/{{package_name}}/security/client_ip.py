"""The client's IP address, believing X-Forwarded-For only from our proxies."""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def parse_networks(entries: Iterable[str]) -> tuple[Network, ...]:
    """Parse "10.0.0.1" or "10.0.0.0/8" entries; raise ValueError on junk."""
    return tuple(ipaddress.ip_network(entry.strip(), strict=False) for entry in entries)


def resolve_client_ip(
    peer: str | None, forwarded_for: str | None, trusted: tuple[Network, ...]
) -> str:
    """The address a rate limit should count.

    The socket peer, unless the peer is a trusted proxy: then walk
    X-Forwarded-For from the right, skipping our own proxies, and take the
    first address they did not add. Anything left of it was written by the
    client and proves nothing, so rotating it cannot escape a limit.
    """
    if peer is None:
        return "unknown"

    if not _is_trusted(peer, trusted) or not forwarded_for:
        return peer

    hops = [hop.strip() for hop in forwarded_for.split(",") if hop.strip()]
    for hop in reversed(hops):
        if not _is_address(hop):
            # A malformed hop means the chain can't be trusted past here.
            return peer
        if not _is_trusted(hop, trusted):
            return hop

    return hops[0] if hops else peer


def _is_address(text: str) -> bool:
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True


def _is_trusted(address: str, trusted: tuple[Network, ...]) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in trusted)
