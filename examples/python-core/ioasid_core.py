#!/usr/bin/env python3
"""An IOASID core in Python 3 (standard library only), speaking the ioasid-check exec protocol.

The core keeps 20-bit IDs (1..0xFFFFF) in sets with quotas; an ID lives ALLOCATED -> FREE_PENDING
-> reclaimed, by reference counting, and every change is published to notifiers ordered by
priority. The rulings D1..D29 of spec/decisions.ts are cited where they apply.

Protocol (docs/exec-protocol.md): one JSON object per line on stdin/stdout. `init` resets the
core and is answered with `ready`; each `call` is answered with one `reply`; while handling a
call the core may send callbacks (`deliver`, `allocator-alloc`, `allocator-free`) and must serve
the harness's nested calls until the callback's answer arrives. `ready` advertises the optional
introspection (inspectSet, capacityLeft, inspectNotifier, inspectAllocator), so the suites compare
every part of the state with the spec, not only the IDs.

Fault injection (D32, api/faults.ts): `ready` advertises "failNth"; `failNth(n)` arms the next
top-level call, whose n-th allocation (a set, an ID, a SPID, a notifier or an allocator record,
each taken after the guards and before any change) fails with ENOMEM; a delivery disarms it.

Choices the spec leaves to the implementation:
  * alloc hands out the HIGHEST free ID in [min, max] (D6 accepts any free one);
  * alloc_set hands out the LOWEST handle not in use, so handles are recycled (D19).

Run: python3 examples/python-core/ioasid_core.py
"""

import json
import sys

MIN_ID = 1
MAX_ID = 0xFFFFF
PROTOCOL_VERSION = 1
PRIORITY_RANK = {"CPU": 3, "DEVICE": 2, "IOMMU": 1, "LAST": 0}
ALLOCATED = "ALLOCATED"
FREE_PENDING = "FREE_PENDING"
DEFAULT_SPACE = None  # the space of the default allocator; a custom space is its fns key


class Refused(Exception):
    """A refused call: the errno, and (by construction) no change to the core."""

    def __init__(self, errno):
        super().__init__(errno)
        self.errno = errno


class ProtocolError(Exception):
    """The harness sent something this implementation cannot follow."""


def is_int(x):
    """An integer in the JavaScript sense (2.0 is one; True, "NaN" and 1.5 are not)."""
    if isinstance(x, bool):
        return False
    return isinstance(x, int) or (isinstance(x, float) and x.is_integer())


def is_id(x):
    """D1: a valid ID or SPID argument."""
    return is_int(x) and MIN_ID <= x <= MAX_ID


def is_positive(x):
    return is_int(x) and x >= 1


def check(condition, errno):
    if not condition:
        raise Refused(errno)


class IdRecord:
    def __init__(self, ident, set_handle, data, space):
        self.id = ident
        self.set = set_handle
        self.state = ALLOCATED
        self.refs = 1  # the allocation's reference
        self.alloc_ref = True  # still counted in refs until free has delivered FREE (D9, D11)
        self.spid = None
        self.data = data
        self.binds = 0  # outstanding device binds (D26)
        self.space = space


class IoSet:
    def __init__(self, handle, kind, token, quota):
        self.handle = handle
        self.kind = kind  # "null" or "mm"
        self.token = token
        self.quota = quota
        self.refs = 1  # 0 means dying (D2, D20)

    @property
    def dying(self):
        return self.refs == 0


class Notifier:
    def __init__(self, name, priority, seq, scope, set_handle=None, mm=None, attached=None):
        self.name = name
        self.priority = priority
        self.seq = seq  # registration order (D25)
        self.scope = scope  # "global", "set" or "mm"
        self.set = set_handle
        self.mm = mm
        self.attached = attached  # the MM set it is attached to, None while pending (D24)

    def on_chain_of(self, handle):
        return (self.scope == "set" and self.set == handle) or (self.scope == "mm" and self.attached == handle)


class Allocator:
    def __init__(self, name, fns, group):
        self.name = name
        self.fns = fns
        self.group = group  # when its group was created: the oldest group is active (D28)


class Core:
    """The IOASID core. Methods named like the protocol's methods take the wire arguments."""

    def __init__(self, capacity, harness):
        self.capacity = capacity
        self.harness = harness
        self.ids = {}
        self.sets = {}
        self.notifiers = []  # in registration order
        self.allocators = []  # in registration order
        self.next_seq = 1
        self.depth = 0  # handler nesting depth: > 0 means the lock is held by a handler (D27)
        self.callout = 0  # > 0 while an allocator callback is outstanding
        self.fail_pending = 0  # failNth's n, for the next top-level call (D32)
        self.fail_left = 0  # allocations the current call may make before the failing one

    # ---- fault injection (D32)

    def failNth(self, n):
        self.fail_pending = int(n) if is_positive(n) else 0

    def begin_call(self):
        """A call from the harness outside handlers and callouts takes the arming over."""
        if self.depth == 0 and self.callout == 0:
            self.fail_left, self.fail_pending = self.fail_pending, 0

    def allocate(self):
        """An allocation point: ENOMEM when it is the armed one."""
        if self.fail_left > 0:
            self.fail_left -= 1
            check(self.fail_left > 0, "ENOMEM")

    # ---- checks, in the order of D3

    def context(self, locked):
        """D27: handler context first."""
        if self.callout > 0:
            raise Refused("EDEADLK")
        if locked:
            check(self.depth > 0, "EINVAL")
        else:
            check(self.depth == 0, "EDEADLK")

    def existing_set(self, handle):
        """D2: a live or dying set; EINVAL for a handle naming none."""
        found = self.sets.get(int(handle)) if is_int(handle) else None
        check(found is not None, "EINVAL")
        return found

    def live_set(self, handle):
        """D2: a dying set answers ENOENT."""
        found = self.existing_set(handle)
        check(not found.dying, "ENOENT")
        return found

    def owned_id(self, set_handle, ident, null_is_any):
        """D3, D5: set exists, ID exists, ownership. The state is not checked here."""
        if set_handle is not None:
            self.existing_set(set_handle)
        rec = self.ids.get(int(ident))
        check(rec is not None, "ENOENT")
        if set_handle is None:
            check(null_is_any, "EACCES")
        else:
            check(rec.set == set_handle, "EACCES")
        return rec

    def active_id(self, set_handle, ident, null_is_any):
        """owned_id, and ALLOCATED (D4: ENOENT on FREE_PENDING)."""
        rec = self.owned_id(set_handle, ident, null_is_any)
        check(rec.state == ALLOCATED, "ENOENT")
        return rec

    # ---- derived state

    def held(self, handle):
        return sum(1 for r in self.ids.values() if r.set == handle)

    def reserved(self):
        return sum(s.quota for s in self.sets.values())

    def set_of_mm(self, mm):
        return next((s for s in self.sets.values() if s.kind == "mm" and s.token == mm), None)

    def allocated_with_spid(self, handle, spid):
        return next((r for r in self.ids.values() if r.set == handle and r.spid == spid and r.state == ALLOCATED), None)

    def is_registered(self, name):
        return any(n.name == name for n in self.notifiers)

    def active_space(self):
        """D28: the oldest custom group, else the default allocator."""
        if not self.allocators:
            return DEFAULT_SPACE
        return min(self.allocators, key=lambda a: a.group).fns

    def space_has_ids(self, space):
        return any(r.space == space for r in self.ids.values())

    def highest_free(self, lo, hi):
        """The allocation policy: the highest free ID in [lo, hi], or None."""
        ident = hi
        while ident >= lo and ident in self.ids:
            ident -= 1
        return ident if ident >= lo else None

    # ---- effects

    def publish(self, event, rec):
        """D8, D25: the recipients, fixed now, ordered by priority then registration."""
        hears_global = event != "ALLOC"
        recipients = [n for n in self.notifiers if n.on_chain_of(rec.set) or (n.scope == "global" and hears_global)]
        recipients.sort(key=lambda n: (-PRIORITY_RANK[n.priority], n.seq))
        delivery = {"event": event, "id": rec.id, "spid": rec.spid, "set": rec.set}
        self.fail_left = 0  # D32: nothing fails after the first delivery
        for n in recipients:
            self.depth += 1
            try:
                self.harness.deliver(dict(delivery, notifier=n.name))
            finally:
                self.depth -= 1

    def free_id(self, rec):
        """D9, D10: mark FREE_PENDING, deliver FREE, then drop the allocation's reference."""
        if rec.state == FREE_PENDING:
            return
        rec.state = FREE_PENDING
        self.publish("FREE", rec)
        self.drop_ref(rec, taken=False)

    def drop_ref(self, rec, taken):
        rec.refs -= 1
        if not taken:
            rec.alloc_ref = False
        if rec.refs == 0:
            self.reclaim(rec)

    def reclaim(self, rec):
        """D12: the number goes back to its allocator, the slot to its set; a dying set may end."""
        del self.ids[rec.id]
        if rec.space is not DEFAULT_SPACE:
            owner = next(a for a in self.allocators if a.fns == rec.space)
            self.call_allocator("allocator-free", name=owner.name, id=rec.id)
        s = self.sets.get(rec.set)
        if s is not None and s.dying and self.held(s.handle) == 0:
            self.destroy_set(s.handle)

    def destroy_set(self, handle):
        """D24: the set's own chain goes; its MM notifiers go back to pending."""
        del self.sets[handle]
        kept = []
        for n in self.notifiers:
            if n.scope == "set" and n.set == handle:
                continue
            if n.scope == "mm" and n.attached == handle:
                n.attached = None
            kept.append(n)
        self.notifiers = kept

    def call_allocator(self, kind, **fields):
        self.callout += 1
        try:
            return self.harness.callback(kind, fields)
        finally:
            self.callout -= 1

    def register(self, name, priority, scope, **where):
        check(priority in PRIORITY_RANK, "EINVAL")
        self.allocate()
        self.notifiers.append(Notifier(name, priority, self.next_seq, scope, **where))
        self.next_seq += 1

    # ---- sets

    def allocSet(self, token, quota):
        self.context(False)
        kind = token.get("type") if isinstance(token, dict) else None
        value = token.get("value") if kind == "null" else token.get("mm") if kind == "mm" else None
        token_ok = (kind == "null" and is_int(value) and value >= 0) or (kind == "mm" and is_positive(value))
        check(token_ok and is_positive(quota), "EINVAL")  # D17, D18
        check(kind != "mm" or self.set_of_mm(value) is None, "EEXIST")
        check(self.reserved() + quota <= self.capacity, "ENOSPC")
        self.allocate()
        handle = 1
        while handle in self.sets:
            handle += 1
        self.sets[handle] = IoSet(handle, kind, int(value), int(quota))
        if kind == "mm":
            for n in self.notifiers:
                if n.scope == "mm" and n.mm == value and n.attached is None:
                    n.attached = handle
        return handle

    def adjustSet(self, set_handle, quota):
        self.context(False)
        check(is_positive(quota), "EINVAL")
        s = self.live_set(set_handle)
        check(quota >= self.held(s.handle), "EBUSY")
        check(self.reserved() - s.quota + quota <= self.capacity, "ENOSPC")
        s.quota = int(quota)

    def set_get(self, set_handle, locked):
        self.context(locked)
        self.live_set(set_handle).refs += 1

    def set_put(self, set_handle, locked):
        """D20: the last reference frees every ALLOCATED ID, ascending, each exactly as free."""
        self.context(locked)
        s = self.live_set(set_handle)
        s.refs -= 1
        if s.refs > 0:
            return
        for rec in sorted((r for r in self.ids.values() if r.set == s.handle), key=lambda r: r.id):
            if self.ids.get(rec.id) is rec and rec.state == ALLOCATED:
                self.free_id(rec)
        if self.sets.get(s.handle) is s and self.held(s.handle) == 0:
            self.destroy_set(s.handle)

    def setGet(self, set_handle):
        self.set_get(set_handle, False)

    def setGetLocked(self, set_handle):
        self.set_get(set_handle, True)

    def setPut(self, set_handle):
        self.set_put(set_handle, False)

    def setPutLocked(self, set_handle):
        self.set_put(set_handle, True)

    def forEachIoasid(self, set_handle):
        self.context(False)
        s = self.live_set(set_handle)
        return sorted(r.id for r in self.ids.values() if r.set == s.handle and r.state == ALLOCATED)  # D21

    # ---- IDs

    def alloc(self, set_handle, lo, hi, data):
        self.context(False)
        check(is_id(lo) and is_id(hi) and lo <= hi, "EINVAL")
        s = self.live_set(set_handle)
        check(self.held(s.handle) < s.quota, "EDQUOT")  # D7
        ident = self.highest_free(int(lo), int(hi))
        check(ident is not None, "ENOSPC")
        space = self.active_space()
        if space is not DEFAULT_SPACE:  # D29: the custom allocator's answer is never trusted
            owner = next(a for a in self.allocators if a.fns == space)
            answer = self.call_allocator("allocator-alloc", name=owner.name, min=int(lo), max=int(hi))
            check(is_int(answer) and lo <= answer <= hi and int(answer) not in self.ids, "ENOSPC")
            ident = int(answer)
            try:
                self.allocate()
            except Refused:
                self.call_allocator("allocator-free", name=owner.name, id=ident)  # D32: the number goes back
                raise
        else:
            self.allocate()
        rec = IdRecord(ident, s.handle, data, space)
        self.ids[ident] = rec
        self.publish("ALLOC", rec)  # D8
        return ident

    def free(self, set_handle, ident):
        self.context(False)
        check(is_id(ident), "EINVAL")
        self.free_id(self.owned_id(set_handle, ident, null_is_any=False))

    def get_ref(self, set_handle, ident, locked):
        self.context(locked)
        check(is_id(ident), "EINVAL")
        self.active_id(set_handle, ident, null_is_any=True).refs += 1

    def put_ref(self, set_handle, ident, locked):
        self.context(locked)
        check(is_id(ident), "EINVAL")
        rec = self.owned_id(set_handle, ident, null_is_any=True)
        check(not (rec.refs == 1 and rec.alloc_ref), "EINVAL")  # D11: only free drops that one
        self.drop_ref(rec, taken=True)

    def get(self, set_handle, ident):
        self.get_ref(set_handle, ident, False)

    def getLocked(self, set_handle, ident):
        self.get_ref(set_handle, ident, True)

    def put(self, set_handle, ident):
        self.put_ref(set_handle, ident, False)

    def putLocked(self, set_handle, ident):
        self.put_ref(set_handle, ident, True)

    def find(self, set_handle, ident, getter):
        self.context(False)
        check(is_id(ident), "EINVAL")
        rec = self.active_id(set_handle, ident, null_is_any=True)
        check(getter != "reject", "ENOENT")  # D16
        return rec.data

    def attachData(self, set_handle, ident, data):
        self.context(False)
        check(is_id(ident), "EINVAL")
        self.active_id(set_handle, ident, null_is_any=False).data = data

    # ---- SPIDs (D13-D15)

    def attachSpid(self, set_handle, ident, spid):
        self.context(False)
        check(is_id(ident) and is_id(spid), "EINVAL")
        rec = self.active_id(set_handle, ident, null_is_any=False)
        check(rec.spid is None, "EBUSY")
        check(self.allocated_with_spid(rec.set, spid) is None, "EEXIST")
        self.allocate()
        rec.spid = int(spid)

    def detachSpid(self, set_handle, ident):
        self.context(False)
        check(is_id(ident), "EINVAL")
        rec = self.active_id(set_handle, ident, null_is_any=False)
        check(rec.spid is not None, "ENOENT")
        rec.spid = None

    def findBySpid(self, set_handle, spid):
        self.context(False)
        check(is_id(spid) and set_handle is not None, "EINVAL")
        s = self.live_set(set_handle)
        rec = self.allocated_with_spid(s.handle, spid)
        check(rec is not None, "ENOENT")
        rec.refs += 1
        return rec.id

    # ---- notifiers (D22-D26)

    def registerNotifier(self, set_handle, nb):
        self.context(False)
        name = nb.get("name")
        check(isinstance(name, str) and name != "", "EINVAL")
        if set_handle is None:
            check(not self.is_registered(name), "EEXIST")
            self.register(name, nb.get("priority"), "global")
            return
        s = self.live_set(set_handle)
        check(not self.is_registered(name), "EEXIST")
        check(s.kind != "mm" or self.held(s.handle) == 0, "EBUSY")  # D23
        self.register(name, nb.get("priority"), "set", set_handle=s.handle)

    def unregisterNotifier(self, set_handle, name):
        self.context(False)
        if set_handle is not None:
            self.existing_set(set_handle)

        def in_scope(n):
            return n.name == name and (n.scope == "global" if set_handle is None else n.scope == "set" and n.set == set_handle)

        check(any(in_scope(n) for n in self.notifiers), "ENOENT")
        self.notifiers = [n for n in self.notifiers if not in_scope(n)]

    def registerNotifierMm(self, mm, nb):
        self.context(False)
        name = nb.get("name")
        check(isinstance(name, str) and name != "" and is_positive(mm), "EINVAL")
        check(not self.is_registered(name), "EEXIST")
        found = self.set_of_mm(mm)
        live = found if found is not None and not found.dying else None
        check(live is None or self.held(live.handle) == 0, "EBUSY")  # D23
        self.register(name, nb.get("priority"), "mm", mm=int(mm), attached=None if live is None else live.handle)  # D24

    def unregisterNotifierMm(self, mm, name):
        self.context(False)
        check(is_positive(mm), "EINVAL")

        def in_scope(n):
            return n.name == name and n.scope == "mm" and n.mm == mm

        check(any(in_scope(n) for n in self.notifiers), "ENOENT")
        self.notifiers = [n for n in self.notifiers if not in_scope(n)]

    def notify(self, set_handle, ident, event):
        """D26: first BIND and last UNBIND (of an ALLOCATED ID) are delivered."""
        self.context(False)
        check(is_id(ident), "EINVAL")
        check(event in ("BIND", "UNBIND"), "EINVAL")
        rec = self.owned_id(set_handle, ident, null_is_any=True)
        if event == "BIND":
            check(rec.state == ALLOCATED, "ENOENT")
            rec.binds += 1
            if rec.binds == 1:
                self.publish("BIND", rec)
        else:
            check(rec.binds > 0, "EINVAL")
            rec.binds -= 1
            if rec.binds == 0 and rec.state == ALLOCATED:
                self.publish("UNBIND", rec)

    # ---- custom allocators (D28)

    def registerAllocator(self, ops):
        self.context(False)
        name, fns = ops.get("name"), ops.get("fns")
        check(isinstance(name, str) and name != "" and isinstance(fns, str) and fns != "", "EINVAL")
        check(all(a.name != name for a in self.allocators), "EEXIST")
        check(not self.space_has_ids(DEFAULT_SPACE), "EAGAIN")
        self.allocate()
        group = next((a.group for a in self.allocators if a.fns == fns), self.next_seq)
        self.allocators.append(Allocator(name, fns, group))
        self.next_seq += 1

    def unregisterAllocator(self, name):
        self.context(False)
        ops = next((a for a in self.allocators if a.name == name), None)
        check(ops is not None, "ENOENT")
        last_sharer = all(a.fns != ops.fns or a is ops for a in self.allocators)
        check(not (last_sharer and self.space_has_ids(ops.fns)), "EBUSY")
        self.allocators.remove(ops)

    # ---- introspection (any context)

    def inspectId(self, ident):
        rec = self.ids.get(int(ident)) if is_id(ident) else None
        if rec is None:
            return None
        return {"state": rec.state, "refs": rec.refs, "set": rec.set, "spid": rec.spid}

    def inspectSet(self, set_handle):
        """A live or dying set: quota, IDs held (ALLOCATED or FREE_PENDING), references."""
        s = self.sets.get(int(set_handle)) if is_int(set_handle) else None
        if s is None:
            return None
        return {"quota": s.quota, "held": self.held(s.handle), "dying": s.dying, "kind": s.kind, "token": s.token, "refs": s.refs}

    def capacityLeft(self):
        return self.capacity - self.reserved()

    def inspectNotifier(self, name):
        """Where a notifier is: the global chain, a set's chain (an attached MM notifier too), or pending."""
        n = next((n for n in self.notifiers if n.name == name), None)
        if n is None:
            return None
        if n.scope == "global":
            return {"where": "global", "set": None, "mm": None}
        if n.scope == "set":
            return {"where": "set", "set": n.set, "mm": None}
        if n.attached is None:
            return {"where": "pending", "set": None, "mm": n.mm}
        return {"where": "set", "set": n.attached, "mm": n.mm}

    def inspectAllocator(self, name):
        """Is its space the active one, and how many IDs of its space exist."""
        ops = next((a for a in self.allocators if a.name == name), None)
        if ops is None:
            return None
        return {"active": self.active_space() == ops.fns, "outstanding": sum(1 for r in self.ids.values() if r.space == ops.fns)}


# The optional introspection methods, advertised at `ready`, with their number of arguments;
# each reply carries `inspect` (docs/exec-protocol.md).
INSPECTIONS = {"inspectSet": 1, "capacityLeft": 0, "inspectNotifier": 1, "inspectAllocator": 1}


# The methods a `call` may name, with their number of arguments.
METHODS = {
    "allocSet": 2, "adjustSet": 2, "setGet": 1, "setGetLocked": 1, "setPut": 1, "setPutLocked": 1,
    "forEachIoasid": 1, "alloc": 4, "free": 2, "get": 2, "getLocked": 2, "put": 2, "putLocked": 2,
    "find": 3, "attachData": 3, "attachSpid": 3, "detachSpid": 2, "findBySpid": 2,
    "registerNotifier": 2, "unregisterNotifier": 2, "registerNotifierMm": 2, "unregisterNotifierMm": 2,
    "notify": 3, "registerAllocator": 1, "unregisterAllocator": 1, "inspectId": 1,
    "failNth": 1,
}


class Harness:
    """The protocol side: reads the harness's messages, answers calls, makes callbacks."""

    def __init__(self, inp, out):
        self.inp = inp
        self.out = out
        self.core = None
        self.callback_seq = 0

    def send(self, msg):
        self.out.write(json.dumps(msg, separators=(",", ":")) + "\n")
        self.out.flush()

    def read(self):
        line = self.inp.readline()
        if line == "":
            raise EOFError
        msg = json.loads(line)
        if not isinstance(msg, dict):
            raise ProtocolError(f"not a JSON object: {line.strip()}")
        return msg

    def serve(self, waiting_for=None):
        """Answer messages until `waiting_for` = (type, seq) arrives; top level: until shutdown."""
        while True:
            msg = self.read()
            kind = msg.get("type")
            if kind == "call":
                self.answer(msg)
            elif waiting_for is not None and (kind, msg.get("seq")) == waiting_for:
                return msg
            elif kind == "init" and waiting_for is None:
                if msg.get("version") != PROTOCOL_VERSION:
                    raise ProtocolError(f"protocol version {msg.get('version')} is not supported")
                self.core = Core(msg["config"]["capacity"], self)
                self.callback_seq = 0
                self.send({"type": "ready", "version": PROTOCOL_VERSION, "features": list(INSPECTIONS) + ["failNth"]})
            elif kind == "shutdown":
                raise EOFError
            else:
                raise ProtocolError(f"unexpected message {msg} while waiting for {waiting_for}")

    def answer(self, msg):
        method, args, seq = msg.get("method"), msg.get("args"), msg.get("seq")
        if self.core is None:
            raise ProtocolError("a call before init")
        if method in INSPECTIONS and isinstance(args, list) and len(args) == INSPECTIONS[method]:
            self.send({"type": "reply", "seq": seq, "inspect": getattr(self.core, method)(*args)})
            return
        if method not in METHODS or not isinstance(args, list) or len(args) != METHODS[method]:
            raise ProtocolError(f"cannot call {method} with {args}")
        if method == "inspectId":
            self.send({"type": "reply", "seq": seq, "view": self.core.inspectId(*args)})
            return
        if method != "failNth":
            self.core.begin_call()
        try:
            value = getattr(self.core, method)(*args)
            result = {"ok": True, "value": value}
        except Refused as refusal:
            result = {"ok": False, "errno": refusal.errno}
        self.send({"type": "reply", "seq": seq, "result": result})

    def callback(self, kind, fields):
        """Send a callback and serve nested calls until its answer; the answer's value."""
        self.callback_seq += 1
        seq = self.callback_seq
        self.send({"type": kind, "seq": seq, **fields})
        answer_kind = "handler-done" if kind == "deliver" else "allocator-answer"
        return self.serve((answer_kind, seq)).get("value")

    def deliver(self, delivery):
        self.callback("deliver", {"delivery": delivery})


def main():
    harness = Harness(sys.stdin, sys.stdout)
    try:
        harness.serve()
    except EOFError:
        return 0
    except ProtocolError as e:
        print(f"ioasid_core.py: protocol error: {e}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
