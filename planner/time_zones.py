"""Time zones as people name them: the IANA names with the cities they
cover ("Europe/London — London, Edinburgh, ..."), for a picker that finds a
zone by its city, and the zone a typed city or name stands for.

The cities are the last part of each zone's name (America/New_York: New
York) plus those of time_zone_cities.yaml. A city of two zones that keep
the same clock (an old alias such as Asia/Calcutta beside Asia/Kolkata)
is one answer; of two different clocks, it is ambiguous and refused."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from functools import cache
from pathlib import Path
from zoneinfo import ZoneInfo, available_timezones

import yaml

CITIES_FILE = Path(__file__).with_name("time_zone_cities.yaml")
# The IANA database's continents and oceans; names outside them (GB, EST5EDT,
# US/Eastern, Etc/GMT+5) are old or technical spellings, still accepted
# when typed but not offered.
REGIONS = ("Africa", "America", "Antarctica", "Arctic", "Asia", "Atlantic", "Australia", "Europe", "Indian",
           "Pacific")
LABEL_SEPARATOR = " — "


@dataclass(frozen=True)
class ZoneChoice:
    name: str  # the IANA name, what is stored
    cities: tuple[str, ...]

    @property
    def label(self) -> str:
        return f"{self.name}{LABEL_SEPARATOR}{', '.join(self.cities)}" if self.cities else self.name


class UnknownZone(ValueError):
    """A typed zone that names no zone, or several; its text says which."""


def _city_of(name: str) -> str:
    return name.rsplit("/", 1)[-1].replace("_", " ")


def _key(text: str) -> str:
    return " ".join(text.replace("_", " ").split()).casefold()


@cache
def _extra_cities() -> dict[str, list[str]]:
    return yaml.safe_load(CITIES_FILE.read_text(encoding="utf-8"))


@cache
def zone_choices() -> tuple[ZoneChoice, ...]:
    """Every zone offered, sorted by name, with its cities (UTC last)."""
    extra = _extra_cities()
    names = sorted(name for name in available_timezones() if name.split("/", 1)[0] in REGIONS)
    choices = [ZoneChoice(name, (_city_of(name), *extra.get(name, ()))) for name in names]
    return (*choices, ZoneChoice("UTC", ("Coordinated Universal Time",)))


@cache
def _all_names() -> dict[str, str]:
    return {_key(name): name for name in available_timezones()}


@cache
def _by_city() -> dict[str, tuple[str, ...]]:
    index: dict[str, list[str]] = {}
    for choice in zone_choices():
        for city in choice.cities:
            index.setdefault(_key(city), []).append(choice.name)
    # Of zones sharing a city, the one listed with cities of its own first,
    # then the most specific name (America/Argentina/Buenos_Aires, not the
    # old America/Buenos_Aires).
    preferred = lambda name: (name not in _extra_cities(), -name.count("/"), name)  # noqa: E731
    return {city: tuple(sorted(names, key=preferred)) for city, names in index.items()}


def _same_clock(names: tuple[str, ...], year: int) -> bool:
    """The zones keep the same offsets this year and the next two (winter and summer)."""
    instants = [datetime(y, month, 1, 12, tzinfo=timezone.utc) for y in range(year, year + 3) for month in (1, 7)]
    offsets = {tuple(moment.astimezone(ZoneInfo(name)).utcoffset() for moment in instants) for name in names}
    return len(offsets) == 1


def zone_named(text: str, year: int | None = None) -> str:
    """The IANA name `text` stands for: an IANA name (any case), a picker
    label ("Europe/London — London, ..."), or a city of one zone ("london").
    UnknownZone otherwise, in plain words."""
    typed = text.split(LABEL_SEPARATOR, 1)[0].strip()
    key = _key(typed)
    if not key:
        raise UnknownZone("choose a time zone, or type a city in it, e.g. London")
    if key in _all_names():
        return _all_names()[key]
    names = _by_city().get(key, ())
    if names and (len(names) == 1 or _same_clock(names, year or datetime.now(timezone.utc).year)):
        return names[0]
    shown = typed if len(typed) <= 40 else typed[:39] + "…"
    if names:
        raise UnknownZone(f"“{shown}” fits several time zones with different clocks ({', '.join(names)}): "
                          "choose one from the list")
    raise UnknownZone(f"“{shown}” is not a time zone or a city we know: choose one from the list, "
                      "or type a big city in the same zone, e.g. Europe/London or London")
