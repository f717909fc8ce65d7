"""How the dashboard's process takes memory from the system.

At a million events the app builds and drops frames of a few hundred megabytes (the events frame, the
frame of counted events, the frame brought up to date after a save), mostly in big buffers that live a
few seconds to a few minutes: Arrow's strings, numpy's columns.  Both allocators ask the kernel for
transparent huge pages for such buffers (numpy advises ``MADV_HUGEPAGE`` on arrays of 4 MB and more,
Arrow's mimalloc on its 1 GB arenas), and with the usual ``/sys/kernel/mm/transparent_hugepage`` setting
``madvise`` the kernel then finds (compacting memory if it must) and zeroes a 2 MB page at each first
touch.  On the 2-core virtual machine the benchmarks run on, such a fault cost about 20 ms (114 faults,
2.5 s of system time, for one ``take`` of the notes column that costs 0.05 s once its pages exist), and
the first load of the map at a million events spent 3-5 of its 4.5-6.5 s in them
(``scripts/bench_dashboard.py``); with ordinary 4 kB pages it took 1.3 s.  A huge page also keeps all of
its 2 MB counted in the process's memory while any part of it is in use.  Nothing measured in the app
gained from them (warm and filter reruns took 0.03-0.39 s with and without them), so ``no_huge_pages``
turns them off for the process (Linux's ``PR_SET_THP_DISABLE``; inherited by the fast reader's child
processes).

``give_back_freed`` returns to the system what both allocators keep of the big buffers just freed; the
shared frame's refresh (``dashboard.session``) calls it where it lets go of a frame.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import logging
import sys
from typing import Any

PR_SET_THP_DISABLE = 41  # <linux/prctl.h>
PR_GET_THP_DISABLE = 42

log = logging.getLogger(__name__)


@functools.cache
def no_huge_pages() -> bool:
    """Turn transparent huge pages off for this process and the processes it starts, once; True when they
    are off.  Elsewhere than on Linux, or where the call is refused, nothing changes (False)."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)
        done = libc.prctl(PR_SET_THP_DISABLE, 1, 0, 0, 0) == 0
    except (OSError, AttributeError) as err:  # no C library to ask: the kernel's default stays
        log.info("transparent huge pages left as they are (%s)", err)
        return False
    if not done:
        log.info("transparent huge pages left as they are (prctl: errno %d)", ctypes.get_errno())
    return done


def huge_pages_off() -> bool:
    """Whether transparent huge pages are turned off for this process (``no_huge_pages``); False elsewhere
    than on Linux."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or None)
        return libc.prctl(PR_GET_THP_DISABLE, 0, 0, 0, 0) == 1
    except (OSError, AttributeError):
        return False


def give_back_freed() -> None:
    """Return to the system the memory both allocators still keep from big buffers just freed (a frame let go).

    Arrow's mimalloc keeps the freed strings' pages (about 225 MB of the old frame's at a million events) and
    glibc's malloc the freed numpy columns' (it serves them from its heaps once a big block was freed, where
    a freed block stays counted until trimmed); kept, neither is reused by the other's next allocations, and
    the frames built next came on top of them: peak memory of the rerun after a save 0.88 -> 1.0 GB for
    Arrow's (``bench_dashboard.py``), and up to 1.09 GB with 230 MB free in glibc's heaps.  Each call takes
    5-10 ms at a million events."""
    import pyarrow as pa

    pa.default_memory_pool().release_unused()
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


@functools.cache
def _malloc_trim() -> Any:
    """glibc's ``malloc_trim``, or None (another C library, another system)."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        return ctypes.CDLL(ctypes.util.find_library("c") or None).malloc_trim
    except (OSError, AttributeError):
        return None
