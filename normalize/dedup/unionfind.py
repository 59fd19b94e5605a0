"""Union-find over listing nodes, with the two guards that keep a cluster one opening.

Links are transitive, and a vague listing ("Data Intern", no place) can link to both the
New York and the Boston opening. So a union is refused when it would put two conflicting
places in one cluster (each root keeps the distinct places of its members), and when it would
join a pair an operator force-split (each root keeps the nodes it must never meet). Links are
applied strongest first, so the vague listing joins the opening it matches best.

Each root also keeps its anchor: the node whose id is the cluster id (see engine.py).
"""

from __future__ import annotations

from collections.abc import Callable

from normalize.dedup.locations import Rel, Where, relate


class UnionFind:
    def __init__(self) -> None:
        self.parent: list[int] = []
        self.size: list[int] = []
        self.places: dict[int, list[Where]] = {}  # root -> distinct places of its members
        self.forbid: dict[int, set[int]] = {}  # root -> nodes it must never be joined with
        self.anchor: list[int] = []  # meaningful at roots only
        self.members: dict[int, list[int]] = {}  # root -> every node of its component

    def add(self, where: Where) -> int:
        node = len(self.parent)
        self.parent.append(node)
        self.size.append(1)
        self.anchor.append(node)
        self.members[node] = [node]
        if not where.empty:
            self.places[node] = [where]
        return node

    def find(self, x: int) -> int:
        parent = self.parent
        root = x
        while parent[root] != root:
            root = parent[root]
        while parent[x] != root:  # path compression
            parent[x], x = root, parent[x]
        return root

    def reset(self, nodes: list[int], places: dict[int, Where]) -> None:
        """Make every node of `nodes` a singleton again. `nodes` must be whole components (no
        other node points into them), which is what reclustering one cluster passes."""
        for n in nodes:
            self.parent[n] = n
            self.size[n] = 1
            self.anchor[n] = n
            self.members[n] = [n]
            self.forbid.pop(n, None)
            self.places.pop(n, None)
            w = places.get(n)
            if w is not None and not w.empty:
                self.places[n] = [w]

    def add_forbidden(self, a: int, b: int) -> None:
        self.forbid.setdefault(self.find(a), set()).add(b)
        self.forbid.setdefault(self.find(b), set()).add(a)

    def conflict(self, ra: int, rb: int, check_places: bool = True) -> str:
        """Why roots `ra` and `rb` must not be joined, or ""."""
        for x in self.forbid.get(ra, ()):
            if self.find(x) == rb:
                return "force-split"
        for x in self.forbid.get(rb, ()):
            if self.find(x) == ra:
                return "force-split"
        if check_places:
            for wa in self.places.get(ra, ()):
                for wb in self.places.get(rb, ()):
                    if relate(wa, wb) is Rel.CONFLICT:
                        return "the clusters hold conflicting places"
        return ""

    def union(self, a: int, b: int, older: Callable[[int, int], bool], force: bool = False) -> str:
        """Join the components of a and b; "" on success (or already joined), else the reason
        it was refused. `older(x, y)` says whether anchor x is older than anchor y; `force`
        (an operator's force-merge) skips the place guard but never a force-split."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return ""
        reason = self.conflict(ra, rb, check_places=not force)
        if reason:
            return reason
        if self.size[ra] < self.size[rb]:
            ra, rb = rb, ra
        self.parent[rb] = ra
        self.size[ra] += self.size[rb]
        if older(self.anchor[rb], self.anchor[ra]):
            self.anchor[ra] = self.anchor[rb]
        self.members[ra].extend(self.members.pop(rb))
        places_b = self.places.pop(rb, None)
        if places_b:
            merged = self.places.setdefault(ra, [])
            merged.extend(w for w in places_b if w not in merged)
        forbid_b = self.forbid.pop(rb, None)
        if forbid_b:
            self.forbid.setdefault(ra, set()).update(forbid_b)
        return ""
