"""The devices the simulator can pretend to be: what each one tells a skill about itself.

A request's ``context.System.device.supportedInterfaces`` says what the device can do, and a
device with a screen adds ``context.Viewport`` (the display: shape, size in pixels, density,
touch, video) and ``context.Viewports`` (the same for APL). The figures are those the Alexa
developer console's simulator and the devices report; APL sizes are in dp, pixels x 160 / dpi:

============  ===========  ==============  =====  =====================  =====
profile       shape        pixels          dpi    APL viewport profile   input
============  ===========  ==============  =====  =====================  =====
echo-dot      (no screen)
echo-spot     round        480 x 480       160    hubRoundSmall          touch
echo-show-5   rectangle    960 x 480       160    hubLandscapeSmall      touch
echo-show-8   rectangle    960 x 600       160    hubLandscapeMedium     touch
echo-show-15  rectangle    1920 x 1080     160    hubLandscapeXLarge     touch
fire-tv       rectangle    1920 x 1080     320    tvLandscapeXLarge      d-pad
============  ===========  ==============  =====  =====================  =====
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

__all__ = ["DEFAULT_DEVICE", "DEVICES", "Device", "device"]

#: The APL version the simulated screens run (the newest the project's documents use).
APL_MAX_VERSION = "2024.2"
VIDEO_CODECS = ["H_264_42", "H_264_41"]


@dataclass(frozen=True)
class Device:
    """One device profile: its name and what it reports in a request's ``context``."""

    name: str
    label: str
    #: None for a device without a screen.
    shape: str | None = None
    pixel_width: int = 0
    pixel_height: int = 0
    dpi: int = 160
    mode: str = "HUB"
    touch: bool = True
    #: The APL viewport profile the size falls in (for people reading the output).
    profile: str = ""

    @property
    def has_screen(self) -> bool:
        return self.shape is not None

    @property
    def width_dp(self) -> int:
        """Width in display-independent pixels, as APL's ``viewport.width`` reports it."""
        return round(self.pixel_width * 160 / self.dpi)

    @property
    def height_dp(self) -> int:
        return round(self.pixel_height * 160 / self.dpi)

    def supported_interfaces(self) -> dict[str, Any]:
        """``context.System.device.supportedInterfaces``."""
        interfaces: dict[str, Any] = {"AudioPlayer": {}}
        if self.has_screen:
            interfaces["Alexa.Presentation.APL"] = {"runtime": {"maxVersion": APL_MAX_VERSION}}
        if self.mode == "TV":
            interfaces["VideoApp"] = {}
        return interfaces

    def viewport(self) -> dict[str, Any] | None:
        """``context.Viewport``: the display, or None without a screen."""
        if self.shape is None:
            return None
        viewport: dict[str, Any] = {
            "experiences": [
                {
                    "arcMinuteWidth": 246 if self.mode == "HUB" else 1,
                    "arcMinuteHeight": 144 if self.mode == "HUB" else 1,
                    "canRotate": False,
                    "canResize": False,
                }
            ],
            "mode": self.mode,
            "shape": self.shape,
            "pixelWidth": self.pixel_width,
            "pixelHeight": self.pixel_height,
            "dpi": self.dpi,
            "currentPixelWidth": self.pixel_width,
            "currentPixelHeight": self.pixel_height,
            "touch": ["SINGLE"] if self.touch else [],
            "keyboard": [] if self.touch else ["DIRECTION"],
            "video": {"codecs": list(VIDEO_CODECS)},
        }
        return viewport

    def viewports(self) -> list[dict[str, Any]]:
        """``context.Viewports``: the APL viewport (empty without a screen)."""
        if self.shape is None:
            return []
        return [
            {
                "type": "APL",
                "id": "main",
                "shape": self.shape,
                "dpi": self.dpi,
                "presentationType": "STANDARD",
                "canRotate": False,
                "configuration": {
                    "current": {
                        "mode": self.mode,
                        "video": {"codecs": list(VIDEO_CODECS)},
                        "size": {
                            "type": "DISCRETE",
                            "pixelWidth": self.pixel_width,
                            "pixelHeight": self.pixel_height,
                        },
                    }
                },
            }
        ]

    def context(self) -> dict[str, Any]:
        """What the device adds to a request's ``context`` besides ``System``."""
        viewport = self.viewport()
        if viewport is None:
            return {}
        return {"Viewport": viewport, "Viewports": self.viewports()}


DEVICES: dict[str, Device] = {
    d.name: d
    for d in (
        Device("echo-dot", "Echo Dot (no screen)"),
        Device("echo-spot", "Echo Spot", "ROUND", 480, 480, profile="hubRoundSmall"),
        Device("echo-show-5", "Echo Show 5", "RECTANGLE", 960, 480, profile="hubLandscapeSmall"),
        Device("echo-show-8", "Echo Show 8", "RECTANGLE", 960, 600, profile="hubLandscapeMedium"),
        Device(
            "echo-show-15", "Echo Show 15", "RECTANGLE", 1920, 1080, profile="hubLandscapeXLarge"
        ),
        Device(
            "fire-tv",
            "Fire TV",
            "RECTANGLE",
            1920,
            1080,
            dpi=320,
            mode="TV",
            touch=False,
            profile="tvLandscapeXLarge",
        ),
    )
}
DEFAULT_DEVICE = "echo-dot"


def device(name: str) -> Device:
    """The profile called ``name`` (``KeyError`` naming the known ones otherwise)."""
    try:
        return DEVICES[name]
    except KeyError:
        raise KeyError(f"unknown device {name!r}; known: {', '.join(DEVICES)}") from None
