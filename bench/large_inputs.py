#!/usr/bin/env python3
"""Writes the two 50 MB inputs of crates/newsfuse-bench/README.md ("Summary and brief on large
inputs") into a folder: text50.txt (invented sentences over a random 6,000-word vocabulary, with
names, numbers and quotations, in paragraphs) and line50.txt (one line of words, no punctuation).

    python3 bench/large_inputs.py /tmp/cost
"""
import random
import sys
from pathlib import Path

SIZE = 50_000_000


def main(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    random.seed(7)
    letters = "abcdefghijklmnopqrstuvwxyz"
    vocab = ["".join(random.choice(letters) for _ in range(random.randint(3, 10))) for _ in range(6000)]
    names = [w.capitalize() for w in vocab[:300]]

    def sentence() -> str:
        n = random.randint(10, 30)
        words = [random.choice(vocab) for _ in range(n)]
        words[0] = random.choice(names)
        if random.random() < 0.4:
            words[random.randrange(1, n)] = str(random.randint(2, 5000))
        if random.random() < 0.3:
            words[random.randrange(1, n)] = random.choice(names) + " " + random.choice(names)
        text = " ".join(words) + "."
        if random.random() < 0.1:
            text = '"' + text + '" ' + random.choice(names) + " said."
        return text

    paragraphs, size = [], 0
    while size < SIZE:
        paragraph = " ".join(sentence() for _ in range(random.randint(2, 5)))
        paragraphs.append(paragraph)
        size += len(paragraph) + 2
    (folder / "text50.txt").write_text("\n\n".join(paragraphs))
    words, size = [], 0
    while size < SIZE:
        word = random.choice(vocab)
        words.append(word)
        size += len(word) + 1
    (folder / "line50.txt").write_text(" ".join(words))


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "."))
