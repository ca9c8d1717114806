"""Between two Prometheus scrapes of the core: per histogram, the observations over 5/10/25/50 ms; GC counts and pauses.

    python3 histogram-diff.py before.txt after.txt
"""
import collections
import re
import sys

SAMPLE = re.compile(r'^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{[^}]*\})? (\S+)')


def load(path):
    samples = {}
    with open(path, encoding='utf-8') as lines:
        for line in lines:
            match = SAMPLE.match(line)
            if match and not line.startswith('#'):
                samples[(match.group(1), match.group(2) or '')] = float(match.group(3))
    return samples


def main(before_path, after_path):
    before, after = load(before_path), load(after_path)
    histograms = collections.defaultdict(dict)
    for (name, labels), value in after.items():
        if name.endswith('_bucket'):
            bound = re.search(r'le="([^"]+)"', labels).group(1)
            series = re.sub(r',?le="[^"]+"', '', labels)
            histograms[(name[:-len('_bucket')], series)][bound] = value - before.get((name, labels), 0)
    for (name, labels), buckets in sorted(histograms.items()):
        total = buckets.get('+Inf', 0)
        if total == 0 or not name.endswith('_seconds'):
            continue
        bounds = sorted((float(bound), count) for bound, count in buckets.items() if bound != '+Inf')

        def over(limit):
            return total - max([count for bound, count in bounds if bound <= limit] or [0])

        print(f'{name}{labels} n={total:.0f} >5ms={over(0.005):.0f} >10ms={over(0.01):.0f} '
              f'>25ms={over(0.025):.0f} >50ms={over(0.05):.0f}')
    for (name, labels), value in sorted(after.items()):
        if name in ('dotnet_gc_collections_total', 'dotnet_gc_pause_time_seconds_total'):
            print(f'{name}{labels} {value - before.get((name, labels), 0):g}')


if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2])
