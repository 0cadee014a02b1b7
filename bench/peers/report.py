#!/usr/bin/env python3
"""The table of bench/peers/run.sh, and DIR/peers.json, from the runs it recorded.

    report.py RUNS.tsv DIR TRADE_ROWS ORDER_ROWS REPEAT

RUNS.tsv has a row per run: rep, tool, status, wall_s, rss_kb, startup_s, load_before, load_after (load averages
'1m 5m 15m'). A run counts when its result was checked equal to moneyflow's (status reference, same or EQUAL). Per
tool: best and median wall time of the counted runs, the best start-up (wall time on a one-record input), peak RSS
(the most of any counted run), records/s at the best time, and x mflow (best / moneyflow's best). Then moneyflow /
the fastest peer, for `flow` on the trades alone and on the trades and orders, from best times and from medians. A
peer with any WRONG run is no candidate for the fastest.
"""

import json
import os
import platform
import statistics
import subprocess
import sys

COUNTED = ("reference", "same", "EQUAL")
MONEYFLOW = ("moneyflow", "moneyflow-orders", "moneyflow-journal")
WITH_ORDERS = ("moneyflow-orders", "moneyflow-journal")


def command_output(*command):
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=60)
        return (done.stdout + done.stderr).strip()
    except (OSError, subprocess.SubprocessError):
        return None


def versions():
    found = {"python": platform.python_version()}
    for name in ("duckdb", "polars", "pandas", "numpy"):
        try:
            found[name] = __import__(name).__version__
        except ImportError:
            found[name] = None
    java = command_output("java", "-version")
    found["java"] = java.splitlines()[0] if java else None
    return found


SETTINGS = ("PEERS", "REPEAT", "MF_FLOW_OPTS", "MF_TRADES_OPTS", "MF_ORDERS_OPTS", "MONEYFLOW_JAVA_OPTS", "JAVA_PAGES",
            "NAIVE_HEAP", "FLINK_JAVA_OPTS", "PANDAS_CHUNK_ROWS", "DUCKDB_THREADS", "POLARS_MAX_THREADS", "SKIP_JOURNAL")


def moneyflow_commit():
    """The commit of the checkout run.sh ran from, with '-dirty' when it has changes."""
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    commit = command_output("git", "-C", root, "rev-parse", "HEAD")
    if commit and command_output("git", "-C", root, "status", "--porcelain", "--untracked-files=no"):
        commit += "-dirty"
    return commit or None


def machine():
    memory = None
    try:
        with open("/proc/meminfo") as f:
            memory = next((int(line.split()[1]) // 1024 for line in f if line.startswith("MemTotal:")), None)
    except OSError:
        pass
    return {"processors": os.cpu_count(), "memory_mb": memory, "system": platform.platform()}


def loads(text):
    return [float(x) for x in text.split()] if text else None


def main():
    runs_path, data_dir, trade_rows, order_rows, repeat = sys.argv[1], sys.argv[2], int(sys.argv[3]), \
        int(sys.argv[4]), int(sys.argv[5])
    with open(runs_path) as f:
        header = f.readline().rstrip("\n").split("\t")
        rows = [dict(zip(header, line.rstrip("\n").split("\t"))) for line in f if line.strip()]
    runs = []
    for r in rows:
        counted = r["status"] in COUNTED
        runs.append({
            "rep": int(r["rep"]),
            "tool": r["tool"],
            "status": r["status"],
            "counted": counted,
            "wall_s": float(r["wall_s"]) if counted else None,
            "peak_rss_mb": round(int(r["rss_kb"]) / 1024) if counted and r["rss_kb"] not in ("", "0") else None,
            "startup_s": float(r["startup_s"]) if r["startup_s"] else None,
            "load_before": loads(r["load_before"]),
            "load_after": loads(r["load_after"]),
        })

    tools = []
    for name in dict.fromkeys(r["tool"] for r in runs):
        mine = [r for r in runs if r["tool"] == name]
        walls = [r["wall_s"] for r in mine if r["counted"]]
        startups = [r["startup_s"] for r in mine if r["startup_s"] is not None]
        bad = [r["status"] for r in mine if not r["counted"]]
        records = trade_rows + (order_rows if name in WITH_ORDERS else 0)
        entry = {
            "tool": name,
            "result": (mine[0]["status"] if not bad else "%s %d/%d" % (bad[0], len(bad), len(mine))),
            "runs": len(mine),
            "counted_runs": len(walls),
            "records": records,
            "wrong": any(s in ("WRONG", "DIFFERS") for s in bad),
        }
        if walls:
            best = min(walls)
            startup = min(startups) if startups else None
            entry.update({
                "best_s": best,
                "median_s": statistics.median(walls),
                "walls_s": walls,
                "records_per_s": round(records / best) if best > 0 else None,
                "startup_s": startup,
                "processing_s": round(best - startup, 3) if startup is not None else None,
                "peak_rss_mb": max(r["peak_rss_mb"] for r in mine if r["counted"] and r["peak_rss_mb"] is not None),
                "load_1m_min": min(min(r["load_before"][0], r["load_after"][0]) for r in mine),
                "load_1m_max": max(max(r["load_before"][0], r["load_after"][0]) for r in mine),
            })
        tools.append(entry)
    by_name = {t["tool"]: t for t in tools}
    mf = by_name.get("moneyflow", {})
    for t in tools:
        if "best_s" in t and mf.get("best_s"):
            t["x_mflow"] = round(t["best_s"] / mf["best_s"], 2)

    candidates = [t for t in tools if t["tool"] not in MONEYFLOW and "best_s" in t and not t["wrong"]]
    fastest = min(candidates, key=lambda t: t["best_s"]) if candidates else None
    fastest_median = min(candidates, key=lambda t: t["median_s"]) if candidates else None
    ratios = {}
    for name, label in (("moneyflow", "trades"), ("moneyflow-orders", "trades_and_orders")):
        t = by_name.get(name)
        if t and "best_s" in t and fastest:
            ratios[label] = {
                "moneyflow_tool": name,
                "moneyflow_best_s": t["best_s"],
                "fastest_peer": fastest["tool"],
                "fastest_peer_best_s": fastest["best_s"],
                "moneyflow_over_fastest_peer_best": round(t["best_s"] / fastest["best_s"], 2),
                "moneyflow_median_s": t["median_s"],
                "fastest_peer_by_median": fastest_median["tool"],
                "fastest_peer_median_s": fastest_median["median_s"],
                "moneyflow_over_fastest_peer_median": round(t["median_s"] / fastest_median["median_s"], 2),
            }

    all_loads = [r[k] for r in runs for k in ("load_before", "load_after") if r[k]]
    report = {
        "input": data_dir,
        "trade_rows": trade_rows,
        "order_rows": order_rows,
        "repeat": repeat,
        "machine": machine(),
        "versions": versions(),
        "moneyflow_commit": moneyflow_commit(),
        "settings": {name: os.environ[name] for name in SETTINGS if os.environ.get(name)},
        "load_average_first": runs[0]["load_before"] if runs else None,
        "load_average_last": runs[-1]["load_after"] if runs else None,
        "load_1m_min": min(l[0] for l in all_loads) if all_loads else None,
        "load_1m_max": max(l[0] for l in all_loads) if all_loads else None,
        "tools": tools,
        "moneyflow_over_fastest_peer": ratios,
        "runs": runs,
    }
    with open(os.path.join(data_dir, "peers.json"), "w") as f:
        json.dump(report, f, indent=2)
        f.write("\n")

    fmt = "%-17s %-11s %8s %9s %12s %11s %13s %12s %8s %11s"
    print(fmt % ("tool", "result", "best s", "median s", "records/s", "start-up s", "processing s", "peak RSS MB",
                 "x mflow", "load 1m"))
    for t in tools:
        if "best_s" in t:
            print(fmt % (t["tool"], t["result"], "%.2f" % t["best_s"], "%.2f" % t["median_s"],
                         "{:,}".format(t["records_per_s"] or 0),
                         "%.2f" % t["startup_s"] if t["startup_s"] is not None else "-",
                         "%.2f" % t["processing_s"] if t["processing_s"] is not None else "-",
                         "{:,}".format(t["peak_rss_mb"]), "%.2f" % t["x_mflow"] if "x_mflow" in t else "-",
                         "%.2f-%.2f" % (t["load_1m_min"], t["load_1m_max"])))
        else:
            print(fmt % (t["tool"], t["result"], "-", "-", "-", "-", "-", "-", "-", "-"))
    for label, what in (("trades", "on the trades alone"), ("trades_and_orders", "on the trades and orders")):
        r = ratios.get(label)
        if r:
            print("moneyflow flow %s: best %.2f s, median %.2f s; fastest peer %s: best %.2f s; moneyflow / fastest "
                  "peer = %.2f (by medians, against %s: %.2f)"
                  % (what, r["moneyflow_best_s"], r["moneyflow_median_s"], r["fastest_peer"],
                     r["fastest_peer_best_s"], r["moneyflow_over_fastest_peer_best"], r["fastest_peer_by_median"],
                     r["moneyflow_over_fastest_peer_median"]))
    if all_loads:
        print("load average (1, 5, 15 min) before the first run %s, after the last %s; 1-minute load %.2f to %.2f "
              "around the runs (%d processors)"
              % (" ".join("%.2f" % x for x in report["load_average_first"]),
                 " ".join("%.2f" % x for x in report["load_average_last"]), report["load_1m_min"],
                 report["load_1m_max"], os.cpu_count()))
    print("(%d trade rows, %d order rows; %d run(s) of each tool, interleaved; every tool reads the trades; "
          "moneyflow-orders also reads the orders and must print the same bytes; moneyflow-journal = moneyflow bench "
          "on the day's journal (trades and orders, same digest), start-up its engine launch; a run counts only when "
          "its result equals moneyflow's; start-up = best wall time on a one-record input; processing = best - "
          "start-up; peak RSS = the most of the counted runs; x mflow = best / moneyflow's best; JSON with every run "
          "in %s/peers.json)" % (trade_rows, order_rows, repeat, data_dir))


if __name__ == "__main__":
    main()
