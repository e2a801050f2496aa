// tlogcheck verifies a directory of C2SP tlog-tiles with Go's golang.org/x/mod/sumdb/tlog and note
// packages, independently of SecureVisit's own code: the checkpoint's signature, the tree hash from
// the hash tiles (each tile checked against the signed root by tlog's TileHashReader) and every
// entry of the bundles against its leaf hash.
//
// usage: tlogcheck DIR VERIFIER_KEY
// Prints "OK <size> entries" and exits 0, or prints "FAILED: <what>" and exits 1.
package main

import (
	"encoding/binary"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"
)

func fail(format string, args ...interface{}) {
	fmt.Printf("FAILED: "+format+"\n", args...)
	os.Exit(1)
}

// c2spPath maps tlog's tile path (tile/H/L/N, data tiles as tile/H/data/N) to C2SP tlog-tiles
// (tile/L/N and tile/entries/N; the height is always 8).
func c2spPath(t tlog.Tile) string {
	p := strings.TrimPrefix(t.Path(), "tile/8/")
	p = strings.Replace(p, "data/", "entries/", 1)
	return "tile/" + p
}

type reader struct{ dir string }

func (r reader) Height() int { return 8 }

func (r reader) ReadTiles(tiles []tlog.Tile) ([][]byte, error) {
	out := make([][]byte, len(tiles))
	for i, t := range tiles {
		data, err := os.ReadFile(filepath.Join(r.dir, c2spPath(t)))
		if err != nil {
			return nil, fmt.Errorf("tile %s: %v", c2spPath(t), err)
		}
		out[i] = data
	}
	return out, nil
}

func (r reader) SaveTiles(tiles []tlog.Tile, data [][]byte) {}

func main() {
	if len(os.Args) != 3 {
		fmt.Println("usage: tlogcheck DIR VERIFIER_KEY")
		os.Exit(2)
	}
	dir := os.Args[1]
	verifier, err := note.NewVerifier(os.Args[2])
	if err != nil {
		fail("verifier key: %v", err)
	}
	msg, err := os.ReadFile(filepath.Join(dir, "checkpoint"))
	if err != nil {
		fail("checkpoint: %v", err)
	}
	n, err := note.Open(msg, note.VerifierList(verifier))
	if err != nil {
		fail("checkpoint: %v", err)
	}
	lines := strings.Split(n.Text, "\n")
	if len(lines) < 3 {
		fail("checkpoint: not a tlog-checkpoint body")
	}
	size, err := strconv.ParseInt(lines[1], 10, 64)
	if err != nil {
		fail("checkpoint: size: %v", err)
	}
	root, err := tlog.ParseHash(lines[2])
	if err != nil {
		fail("checkpoint: root: %v", err)
	}
	hashes := tlog.TileHashReader(tlog.Tree{N: size, Hash: root}, reader{dir})
	th, err := tlog.TreeHash(size, hashes)
	if err != nil {
		fail("tree hash: %v", err)
	}
	if th != root {
		fail("the hash tiles make root %v, the checkpoint signs %v", th, root)
	}
	for b := int64(0); b*256 < size; b++ {
		w := size - b*256
		if w > 256 {
			w = 256
		}
		t := tlog.Tile{H: 8, L: -1, N: b, W: int(w)}
		data, err := os.ReadFile(filepath.Join(dir, c2spPath(t)))
		if err != nil {
			fail("entry bundle %s: %v", c2spPath(t), err)
		}
		for k := int64(0); k < w; k++ {
			if len(data) < 2 {
				fail("entry bundle %s is truncated at entry %d", c2spPath(t), b*256+k)
			}
			l := int(binary.BigEndian.Uint16(data))
			if len(data) < 2+l {
				fail("entry bundle %s is truncated at entry %d", c2spPath(t), b*256+k)
			}
			entry := data[2 : 2+l]
			data = data[2+l:]
			idx := b*256 + k
			leaf, err := hashes.ReadHashes([]int64{tlog.StoredHashIndex(0, idx)})
			if err != nil {
				fail("leaf hash %d: %v", idx, err)
			}
			if tlog.RecordHash(entry) != leaf[0] {
				fail("entry %d in bundle %s does not match its leaf hash", idx, c2spPath(t))
			}
		}
		if len(data) != 0 {
			fail("entry bundle %s has %d bytes after its %d entries", c2spPath(t), len(data), w)
		}
	}
	fmt.Printf("OK %d entries\n", size)
}
