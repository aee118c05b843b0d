# shoal-spawn-helper: runs commands with posix_spawn for the node agent.
# Started and spoken to by spawn-helper.ts (the protocol is described there); standard library only.
import os, signal, selectors, time, base64

sel = selectors.DefaultSelector()
jobs = {}      # pid -> job
inbuf = bytearray()
stdin_open = True

class Job:
    __slots__ = ('id', 'pid', 'out', 'err', 'open', 'status', 'error', 'input', 'in_fd', 'deadline', 'max', 'killed', 'detach')

def out_write(b):
    # stdout stays blocking: a reply is written whole, however slowly the agent reads.
    view = memoryview(b)
    while view:
        view = view[os.write(1, view):]

def reply(j):
    if j.status is None:
        code = sig = '-'
    elif os.WIFSIGNALED(j.status):
        code, sig = '-', str(os.WTERMSIG(j.status))
    else:
        code, sig = str(os.WEXITSTATUS(j.status)), '-'
    err = base64.b64encode(j.error.encode()).decode() if j.error else '-'
    out_write(f'{j.id} {code} {sig} {err} {len(j.out)} {len(j.err)}\n'.encode() + bytes(j.out) + bytes(j.err))

def fail_now(rid, why, code=None, stderr=b''):
    j = Job(); j.id = rid; j.out = b''; j.err = stderr; j.error = why
    j.status = None if code is None else (code << 8)
    reply(j)

def close_fd(fd):
    try: sel.unregister(fd)
    except (KeyError, ValueError): pass
    try: os.close(fd)
    except OSError: pass

def start(rid, argv, data, timeout_ms, max_bytes, env, detach):
    in_r, in_w = os.pipe(); out_r, out_w = os.pipe(); err_r, err_w = os.pipe()
    fa = [(os.POSIX_SPAWN_DUP2, in_r, 0), (os.POSIX_SPAWN_DUP2, out_w, 1), (os.POSIX_SPAWN_DUP2, err_w, 2)]
    try:
        pid = os.posix_spawnp(argv[0], argv, os.environ if env is None else env, file_actions=fa, setsigdef=(signal.SIGPIPE, signal.SIGCHLD), setsid=detach)
    except OSError as e:
        for fd in (in_r, in_w, out_r, out_w, err_r, err_w): os.close(fd)
        name = argv[0].decode(errors='replace')
        fail_now(rid, f'exec: {e.strerror}', 127, f'exec {name}: {e.strerror}\n'.encode())
        return
    os.close(in_r); os.close(out_w); os.close(err_w)
    j = Job(); j.id = rid; j.pid = pid; j.out = bytearray(); j.err = bytearray(); j.open = 2; j.status = None
    j.error = None; j.input = memoryview(data); j.in_fd = in_w; j.killed = False
    j.deadline = time.monotonic() + timeout_ms / 1000; j.max = max_bytes; j.detach = detach
    jobs[pid] = j
    for fd, which in ((out_r, 'out'), (err_r, 'err')):
        os.set_blocking(fd, False)
        sel.register(fd, selectors.EVENT_READ, (j, which))
    if len(data):
        os.set_blocking(in_w, False)
        sel.register(in_w, selectors.EVENT_WRITE, (j, 'in'))
    else:
        os.close(in_w); j.in_fd = None

def finish_if_done(j):
    # A detached command (a daemon) is done starting once it closed its outputs; it is reaped
    # whenever it exits, and its exit is not reported.
    if j.open or (j.status is None and not j.detach): return
    if j.in_fd is not None: close_fd(j.in_fd); j.in_fd = None
    jobs.pop(j.pid, None)
    reply(j)

def read_requests():
    global inbuf, stdin_open
    try:
        chunk = os.read(0, 1 << 16)
    except BlockingIOError:
        return
    if not chunk:
        stdin_open = False; sel.unregister(0); return
    inbuf += chunk
    while True:
        nl = inbuf.find(b'\n')
        if nl < 0: return
        head = inbuf[:nl].decode().split(' ')
        rid, timeout_ms, max_bytes, flags, envlen, inlen = head[0], int(head[1]), int(head[2]), head[3], int(head[4]), int(head[5])
        arglens = [int(x) for x in head[6:]]
        need = nl + 1 + max(envlen, 0) + inlen + sum(arglens)
        if len(inbuf) < need: return
        pos = nl + 1; argv = []
        for l in arglens:
            argv.append(bytes(inbuf[pos:pos + l])); pos += l
        env = None
        if envlen >= 0:
            env = {}
            for kv in bytes(inbuf[pos:pos + envlen]).split(b'\0'):
                k, sep, v = kv.partition(b'=')
                if sep and k: env[k] = v
            pos += envlen
        data = bytes(inbuf[pos:pos + inlen])
        del inbuf[:need]
        start(rid, argv, data, timeout_ms, max_bytes, env, 'd' in flags)

def reap():
    while jobs:
        try:
            pid, st = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0: return
        j = jobs.get(pid)
        if j is None: continue  # a detached command already answered for
        j.status = st
        finish_if_done(j)

wake_r, wake_w = os.pipe()
os.set_blocking(wake_r, False); os.set_blocking(wake_w, False)
signal.set_wakeup_fd(wake_w)
signal.signal(signal.SIGCHLD, lambda *_: None)
signal.signal(signal.SIGPIPE, signal.SIG_IGN)
os.set_blocking(0, False)
sel.register(0, selectors.EVENT_READ, None)
sel.register(wake_r, selectors.EVENT_READ, 'wake')

while stdin_open or jobs:
    now = time.monotonic()
    pending = [j.deadline - now for j in jobs.values() if not j.killed and j.status is None]
    timeout = max(0.0, min(pending)) if pending else None
    for key, ev in sel.select(timeout):
        d = key.data
        if d is None:
            read_requests(); continue
        if d == 'wake':
            try:
                while os.read(wake_r, 512): pass
            except BlockingIOError: pass
            continue
        j, which = d
        if which == 'in':
            try:
                n = os.write(key.fd, j.input)
            except BlockingIOError:
                continue
            except OSError:
                close_fd(key.fd); j.in_fd = None; continue
            j.input = j.input[n:]
            if not len(j.input): close_fd(key.fd); j.in_fd = None
            continue
        try:
            chunk = os.read(key.fd, 1 << 16)
        except BlockingIOError:
            continue
        if not chunk:
            close_fd(key.fd); j.open -= 1; finish_if_done(j); continue
        (j.out if which == 'out' else j.err).extend(chunk)
        if len(j.out) + len(j.err) > j.max and j.error is None:
            j.error = 'maxBuffer'
            try: os.kill(j.pid, signal.SIGKILL)
            except ProcessLookupError: pass
    reap()
    now = time.monotonic()
    for j in list(jobs.values()):
        if j.status is None and not j.killed and now >= j.deadline:
            if j.error is None: j.error = 'timeout'
            j.killed = True
            try: os.kill(j.pid, signal.SIGTERM)
            except ProcessLookupError: pass
