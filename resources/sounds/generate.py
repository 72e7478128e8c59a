#!/usr/bin/env python3
"""Makes Rehabit's cue sounds: 16-bit PCM mono WAV files at 44.1 kHz.

    python3 resources/sounds/generate.py [OUTPUT_DIR]

Writes the WAV files next to this script unless OUTPUT_DIR is given. The output
is deterministic (no randomness, no timestamps), so running it again gives the
same bytes. The committed WAVs are its output; src/app/audio/CuePlayer.cpp maps
each SoundCue to one of them.

Every sound is shorter than 0.5 s, starts and ends on a zero sample and has a
raised-cosine attack and a smooth decay to silence, so there are no clicks.
Peaks stay at or below -6 dBFS: cues are meant to be noticed, not to startle.

Each file starts with LEAD and ends with TAIL seconds of digital silence, and
both are measured needs, not taste (PulseAudio null sink, Qt 6.4.2):
QSoundEffect stops its stream as soon as it has handed over the last sample,
and what the server had not played yet (up to ~100 ms) is dropped, so without
the tail every cue's end would be cut off with a click; and a new stream may
lose its first few milliseconds (up to ~16 ms seen), so without the lead the
soft attack would be skipped and the cue would start with a click.
"""

import math
import os
import struct
import sys
import wave

RATE = 44100
PEAK = 0.5  # -6 dBFS
LEAD = 0.02  # seconds of leading silence, see above
TAIL = 0.13  # seconds of trailing silence, see above


def tone(freq, duration, attack=0.012, decay=6.0, harmonics=((1, 1.0), (2, 0.18), (3, 0.06))):
    """A soft tone: sine plus a little of its overtones, raised-cosine attack,
    exponential decay (rate `decay` per second) and a raised-cosine fade to
    exactly zero over the last 20 ms."""
    n = int(round(duration * RATE))
    attack_n = max(1, int(attack * RATE))
    fade_n = min(n // 2, int(0.020 * RATE))
    norm = sum(a for _, a in harmonics)
    out = []
    for i in range(n):
        t = i / RATE
        v = sum(a * math.sin(2 * math.pi * freq * h * t) for h, a in harmonics) / norm
        env = math.exp(-decay * t)
        if i < attack_n:
            env *= 0.5 - 0.5 * math.cos(math.pi * i / attack_n)
        if i >= n - fade_n:
            env *= 0.5 - 0.5 * math.cos(math.pi * (n - 1 - i) / fade_n)
        out.append(v * env)
    return out


def silence(duration):
    return [0.0] * int(round(duration * RATE))


def mix(length, *parts):
    """Adds (offset_seconds, samples) parts into one buffer of `length` seconds."""
    out = [0.0] * int(round(length * RATE))
    for offset, samples in parts:
        start = int(round(offset * RATE))
        for i, s in enumerate(samples):
            if start + i < len(out):
                out[start + i] += s
    return out


def normalise(samples, peak=PEAK):
    top = max(abs(s) for s in samples) or 1.0
    return [s * peak / top for s in samples]


def sounds():
    """file name -> samples. The names are the ones CuePlayer.cpp loads."""
    cues = {
        # A bright tone: the hold begins.
        'hold-start.wav': normalise(tone(880.0, 0.30, decay=4.0)),
        # A lower, warmer tone that settles: the hold is over, relax.
        'hold-end.wav': normalise(tone(523.25, 0.33, decay=5.0,
                                       harmonics=((1, 1.0), (2, 0.10)))),
        # Short ticks, a little higher each time as the end comes closer.
        'count-3.wav': normalise(tone(987.77, 0.07, attack=0.004, decay=30.0), 0.40),
        'count-2.wav': normalise(tone(1108.73, 0.07, attack=0.004, decay=30.0), 0.40),
        'count-1.wav': normalise(tone(1318.51, 0.08, attack=0.004, decay=26.0), 0.45),
        # Two tones, low then high: change sides.
        'switch-sides.wav': normalise(mix(0.34,
                                          (0.00, tone(659.25, 0.16, decay=5.0)),
                                          (0.18, tone(880.00, 0.16, decay=5.0)))),
        # A short chime (C-E-G arpeggio): the set is done.
        'set-done.wav': normalise(mix(0.34,
                                      (0.00, tone(523.25, 0.34, decay=6.0)),
                                      (0.05, tone(659.25, 0.29, decay=6.0)),
                                      (0.10, tone(783.99, 0.24, decay=6.0)))),
        # A fuller chime (C-E-G-C): the whole session is done.
        'session-done.wav': normalise(mix(0.34,
                                          (0.000, tone(523.25, 0.340, decay=4.5)),
                                          (0.045, tone(659.25, 0.295, decay=4.5)),
                                          (0.090, tone(783.99, 0.250, decay=4.5)),
                                          (0.135, tone(1046.50, 0.205, decay=4.5)))),
    }
    return {name: silence(LEAD) + samples + silence(TAIL) for name, samples in cues.items()}


def write_wav(path, samples):
    assert len(samples) < RATE // 2, path
    frames = b''.join(struct.pack('<h', int(round(max(-1.0, min(1.0, s)) * 32767))) for s in samples)
    with wave.open(path, 'wb') as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(RATE)
        w.writeframes(frames)


def main():
    out_dir = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
    os.makedirs(out_dir, exist_ok=True)
    for name, samples in sounds().items():
        write_wav(os.path.join(out_dir, name), samples)
        print(f'{name}: {len(samples) / RATE:.3f} s')


if __name__ == '__main__':
    main()
