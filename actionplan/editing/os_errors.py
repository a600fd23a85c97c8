"""The operating system's reasons in Swedish: its own `strerror` is English, and editors read these lines."""

from __future__ import annotations

import errno


def os_error_text(error: OSError) -> str:
    """The operating system's reason in Swedish (its own text is English)."""
    reasons = {
        errno.EACCES: "åtkomst nekad",
        errno.EPERM: "åtgärden är inte tillåten (filen är låst eller skrivskyddad)",
        errno.ENOENT: "filen eller mappen finns inte",
        errno.ENOSPC: "disken är full",
        errno.EROFS: "filsystemet är skrivskyddat",
        errno.EIO: "läs- eller skrivfel på disken",
        errno.EISDIR: "det är en mapp",
        errno.ENOTDIR: "en del av sökvägen är ingen mapp",
        errno.EEXIST: "filen finns redan",
        errno.EXDEV: "filerna ligger på olika filsystem",
        errno.ELOOP: "för många länkar i rad",
        errno.ENAMETOOLONG: "namnet är för långt",
        errno.EBUSY: "filen används av ett annat program",
        getattr(errno, "EDQUOT", -1): "diskkvoten är slut",
    }
    return reasons.get(error.errno or 0, f"fel {errno.errorcode.get(error.errno or 0, error.errno)}")
