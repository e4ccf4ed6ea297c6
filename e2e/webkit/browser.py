#!/usr/bin/python3
"""A minimal WebKitGTK browser for WebKitWebDriver, with a persistent profile.

Why not the stock MiniBrowser: in automation mode it uses an ephemeral data store, where IndexedDB refuses
Blobs (like Safari's private browsing) and nothing survives a restart. This one keeps its data in
`--profile=DIR`, so a restart on the same directory keeps storage, as Safari does.

WebKitWebDriver starts it as `browser.py [our args] --automation` and talks to it over the inspector
protocol; the `browserName` capability must equal the name given in `automation-started`.
Must run on Debian's /usr/bin/python3: the GI bindings (python3-gi) are installed only there.
"""

import argparse
import ctypes
import os
import signal
import sys


def outlive_children():
    """Returns in a forked child that runs the browser; the parent exits only when all its descendants have.

    WebKit's network and web processes exit a moment after the browser, which is then gone and cannot reap
    them: they would linger as zombies until PID 1 collects them (late, in these containers). As a child
    subreaper the parent collects them, so when WebKitWebDriver sees its browser exit, all of WebKit is gone.
    """
    PR_SET_CHILD_SUBREAPER = 36
    ctypes.CDLL(None).prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)
    browser = os.fork()
    if browser == 0:
        return
    # A SIGTERM to the whole process group ends the browser and WebKit's processes: keep reaping them.
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    status = 1
    while True:
        try:
            pid, wait_status = os.wait()
        except ChildProcessError:
            sys.exit(status)
        if pid == browser:
            status = os.waitstatus_to_exitcode(wait_status)


# Before GTK starts any thread: fork() only copies the calling one.
outlive_children()

import gi  # noqa: E402

gi.require_version('Gtk', '3.0')
gi.require_version('WebKit2', '4.1')
from gi.repository import Gtk, WebKit2  # noqa: E402

BROWSER_NAME = 'bgfetch-webkit'

parser = argparse.ArgumentParser()
parser.add_argument('--profile', required=True)
parser.add_argument('--automation', action='store_true')
# Feature identifiers (WebKit2.Settings.get_all_features) to turn on / off, repeatable.
parser.add_argument('--enable-feature', action='append', default=[])
parser.add_argument('--disable-feature', action='append', default=[])
options, _unknown = parser.parse_known_args()

data_manager = WebKit2.WebsiteDataManager(
    base_data_directory=os.path.join(options.profile, 'data'),
    base_cache_directory=os.path.join(options.profile, 'cache'),
)
context = WebKit2.WebContext.new_with_website_data_manager(data_manager)
context.set_automation_allowed(True)

settings = WebKit2.Settings()
# Console messages of pages and workers go to stdout, where the test harness collects them.
settings.set_enable_write_console_messages_to_stdout(True)
wanted = {name: True for name in options.enable_feature}
wanted.update({name: False for name in options.disable_feature})
features = WebKit2.Settings.get_all_features()
for index in range(features.get_length()):
    feature = features.get(index)
    if feature.get_identifier() in wanted:
        settings.set_feature_enabled(feature, wanted.pop(feature.get_identifier()))
if wanted:
    sys.exit(f'unknown WebKit features: {", ".join(wanted)}')

open_views = set()


def close_view(view, window):
    open_views.discard(view)
    window.destroy()
    # The driver closes every window when its session ends: then exit cleanly, so storage is flushed.
    if not open_views:
        Gtk.main_quit()


def create_web_view(_session):
    view = WebKit2.WebView(web_context=context, settings=settings, is_controlled_by_automation=True)
    window = Gtk.Window()
    window.set_default_size(1024, 768)
    window.add(view)
    view.connect('close', close_view, window)
    window.show_all()
    open_views.add(view)
    return view


def automation_started(_context, session):
    info = WebKit2.ApplicationInfo()
    info.set_name(BROWSER_NAME)
    session.set_application_info(info)
    session.connect('create-web-view', create_web_view)


context.connect('automation-started', automation_started)
Gtk.main()
