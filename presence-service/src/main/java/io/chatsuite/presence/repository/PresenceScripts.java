package io.chatsuite.presence.repository;

/**
 * The Lua scripts that change presence state in Redis. Each runs atomically, so gateways' signals, the sweeper and
 * several presence-service replicas may act on the same user at once. Keys are named inside the scripts (standalone
 * Redis or a primary with replicas; not Redis Cluster, where a user's keys and a node's keys live apart).
 *
 * <p>Keys, all under {@code presence:}: {@code nodes} (zset node → deadline ms), {@code node:{node}} (hash socket →
 * user), {@code sockets:{user}} (hash socket → "node|idle"), {@code state:{user}} (hash status, lastSeenAt, leftAt:
 * what others were last told), {@code leaving} (zset user → when a coalesced offline is due), {@code typing} (zset
 * "conversation:user" → expiry ms), and the visibility graph {@code friends:{user}}, {@code members:{conversation}},
 * {@code convs:{user}}, {@code blocks:{user}}, {@code blocked-by:{user}}, {@code offsets} (hash topic-partition →
 * next offset of the graph's consumers).
 */
final class PresenceScripts {

    private PresenceScripts() {
    }

    /**
     * settle(user, at, grace, changes): works out the user's status from their sockets and, when it differs from
     * what others were last told, records it and appends {user, status, lastSeenAt, audience} to changes. Going
     * offline with a grace is only scheduled (a reconnect within it cancels it): flapping shows nothing.
     */
    private static final String PRELUDE = """
            local P = 'presence:'
            local function audience(u)
              local set = {}
              for _, f in ipairs(redis.call('SMEMBERS', P .. 'friends:' .. u)) do set[f] = true end
              for _, c in ipairs(redis.call('SMEMBERS', P .. 'convs:' .. u)) do
                for _, m in ipairs(redis.call('SMEMBERS', P .. 'members:' .. c)) do set[m] = true end
              end
              set[u] = nil
              for _, b in ipairs(redis.call('SMEMBERS', P .. 'blocks:' .. u)) do set[b] = nil end
              for _, b in ipairs(redis.call('SMEMBERS', P .. 'blocked-by:' .. u)) do set[b] = nil end
              local out = {}
              for m in pairs(set) do out[#out + 1] = m end
              return out
            end
            local function others(c, u)
              local out = {}
              for _, m in ipairs(redis.call('SMEMBERS', P .. 'members:' .. c)) do
                if m ~= u then out[#out + 1] = m end
              end
              return out
            end
            local function settle(u, at, grace, changes)
              local vals = redis.call('HVALS', P .. 'sockets:' .. u)
              local status = 'offline'
              if #vals > 0 then
                status = 'away'
                for _, v in ipairs(vals) do
                  if string.sub(v, -1) == '0' then status = 'online'; break end
                end
              end
              local st = P .. 'state:' .. u
              local shown = redis.call('HGET', st, 'status')
              if not shown then shown = 'offline' end
              if status == 'offline' and shown ~= 'offline' and grace > 0 then
                redis.call('HSET', st, 'leftAt', at)
                redis.call('ZADD', P .. 'leaving', at + grace, u)
                return
              end
              redis.call('ZREM', P .. 'leaving', u)
              if status == shown then return end
              local seen = ''
              if status ~= 'online' then seen = tostring(at) end
              redis.call('HSET', st, 'status', status, 'lastSeenAt', seen)
              changes[#changes + 1] = {u, status, seen, audience(u)}
            end
            """;

    /** ARGV: node, socket, user, at, window. A signal from a node not known yet starts its clock. */
    static final String SOCKET_OPENED = PRELUDE + """
            local node, socket, u, at = ARGV[1], ARGV[2], ARGV[3], tonumber(ARGV[4])
            redis.call('ZADD', P .. 'nodes', 'NX', at + tonumber(ARGV[5]), node)
            redis.call('HSET', P .. 'node:' .. node, socket, u)
            redis.call('HSET', P .. 'sockets:' .. u, socket, node .. '|0')
            local changes = {}
            settle(u, at, 0, changes)
            return changes
            """;

    /** ARGV: node, socket, user, at, grace. */
    static final String SOCKET_CLOSED = PRELUDE + """
            local node, socket, u, at = ARGV[1], ARGV[2], ARGV[3], tonumber(ARGV[4])
            redis.call('HDEL', P .. 'node:' .. node, socket)
            redis.call('HDEL', P .. 'sockets:' .. u, socket)
            local changes = {}
            settle(u, at, tonumber(ARGV[5]), changes)
            return changes
            """;

    /** ARGV: node, socket, user, idle (0 or 1), at. A socket not known (closed already) is left alone. */
    static final String IDLE_CHANGED = PRELUDE + """
            local node, socket, u, at = ARGV[1], ARGV[2], ARGV[3], tonumber(ARGV[5])
            local key = P .. 'sockets:' .. u
            local changes = {}
            if redis.call('HEXISTS', key, socket) == 1 then
              redis.call('HSET', key, socket, node .. '|' .. ARGV[4])
              settle(u, at, 0, changes)
            end
            return changes
            """;

    /** ARGV: node, deadline. A deadline only moves forward (a late, older beat changes nothing). */
    static final String HEARTBEAT = """
            redis.call('ZADD', 'presence:nodes', 'GT', tonumber(ARGV[2]), ARGV[1])
            return 1
            """;

    /**
     * ARGV: node, snapshotId, part, parts, at, grace, window, then socket, user, idle for each socket of the part.
     * After the last part the node holds exactly the sockets listed in all parts.
     */
    static final String SNAPSHOT = PRELUDE + """
            local node, sid, at, grace = ARGV[1], ARGV[2], tonumber(ARGV[5]), tonumber(ARGV[6])
            redis.call('ZADD', P .. 'nodes', 'NX', at + tonumber(ARGV[7]), node)
            local tmp = P .. 'snapshot:' .. node .. ':' .. sid
            local nodeKey = P .. 'node:' .. node
            local touched = {}
            for i = 8, #ARGV, 3 do
              local socket, u = ARGV[i], ARGV[i + 1]
              redis.call('SADD', tmp, socket)
              redis.call('HSET', nodeKey, socket, u)
              redis.call('HSET', P .. 'sockets:' .. u, socket, node .. '|' .. ARGV[i + 2])
              touched[u] = true
            end
            redis.call('PEXPIRE', tmp, 300000)
            if tonumber(ARGV[3]) >= tonumber(ARGV[4]) then
              local held = redis.call('HGETALL', nodeKey)
              for i = 1, #held, 2 do
                if redis.call('SISMEMBER', tmp, held[i]) == 0 then
                  redis.call('HDEL', nodeKey, held[i])
                  redis.call('HDEL', P .. 'sockets:' .. held[i + 1], held[i])
                  touched[held[i + 1]] = true
                end
              end
              redis.call('DEL', tmp)
            end
            local changes = {}
            for u in pairs(touched) do settle(u, at, grace, changes) end
            return changes
            """;

    /**
     * ARGV: node, at, grace, deadBy (empty for a clean stop). Drops every socket of the node; with deadBy, only if
     * the node's deadline is still at or before it (a heartbeat that came meanwhile saves it).
     */
    static final String DROP_NODE = PRELUDE + """
            local node, at, grace = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3])
            if ARGV[4] ~= '' then
              local deadline = redis.call('ZSCORE', P .. 'nodes', node)
              if deadline and tonumber(deadline) > tonumber(ARGV[4]) then return {} end
            end
            local nodeKey = P .. 'node:' .. node
            local held = redis.call('HGETALL', nodeKey)
            local touched = {}
            for i = 1, #held, 2 do
              redis.call('HDEL', P .. 'sockets:' .. held[i + 1], held[i])
              touched[held[i + 1]] = true
            end
            redis.call('DEL', nodeKey)
            redis.call('ZREM', P .. 'nodes', node)
            local changes = {}
            for u in pairs(touched) do settle(u, at, grace, changes) end
            return changes
            """;

    /** ARGV: now, limit. Publishes the coalesced offlines whose grace has passed with no socket back. */
    static final String LEAVING_DUE = PRELUDE + """
            local due = redis.call('ZRANGEBYSCORE', P .. 'leaving', '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[2]))
            local changes = {}
            for _, u in ipairs(due) do
              redis.call('ZREM', P .. 'leaving', u)
              local leftAt = redis.call('HGET', P .. 'state:' .. u, 'leftAt')
              if not leftAt then leftAt = ARGV[1] end
              settle(u, tonumber(leftAt), 0, changes)
            end
            return changes
            """;

    /**
     * ARGV: conversation, user, typing (0 or 1), now, expiry ms, throttle ms. Members only. A start is passed on at
     * most once per throttle window but renews the expiry every time; a stop is passed on if a start was.
     * Returns {{conversation, user, typing, recipients}} or {}.
     */
    static final String TYPING = PRELUDE + """
            local c, u, typing, now = ARGV[1], ARGV[2], ARGV[3], tonumber(ARGV[4])
            if redis.call('SISMEMBER', P .. 'members:' .. c, u) == 0 then return {} end
            local entry = c .. ':' .. u
            local throttle = P .. 'typing-throttle:' .. c .. ':' .. u
            if typing == '1' then
              redis.call('ZADD', P .. 'typing', now + tonumber(ARGV[5]), entry)
              if not redis.call('SET', throttle, '1', 'NX', 'PX', tonumber(ARGV[6])) then return {} end
            else
              if redis.call('ZREM', P .. 'typing', entry) == 0 then return {} end
              redis.call('DEL', throttle)
            end
            return {{c, u, typing, others(c, u)}}
            """;

    /** ARGV: now, limit. Typing that was not renewed in time stops by itself. */
    static final String TYPING_EXPIRED = PRELUDE + """
            local due = redis.call('ZRANGEBYSCORE', P .. 'typing', '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[2]))
            local out = {}
            for _, entry in ipairs(due) do
              if redis.call('ZREM', P .. 'typing', entry) == 1 then
                local sep = string.find(entry, ':', 1, true)
                local c, u = string.sub(entry, 1, sep - 1), string.sub(entry, sep + 1)
                redis.call('DEL', P .. 'typing-throttle:' .. c .. ':' .. u)
                out[#out + 1] = {c, u, '0', others(c, u)}
              end
            end
            return out
            """;

    /**
     * ARGV: caller, then user ids. Returns {user, status, lastSeenAt} for each the caller may see: themselves,
     * friends, and people sharing a conversation, unless a block stands between them either way.
     */
    static final String VISIBLE = """
            local P = 'presence:'
            local caller = ARGV[1]
            local out = {}
            for i = 2, #ARGV do
              local id = ARGV[i]
              local ok = id == caller
              if not ok and redis.call('SISMEMBER', P .. 'blocks:' .. caller, id) == 0
                  and redis.call('SISMEMBER', P .. 'blocked-by:' .. caller, id) == 0 then
                ok = redis.call('SISMEMBER', P .. 'friends:' .. caller, id) == 1
                    or #redis.call('SINTER', P .. 'convs:' .. caller, P .. 'convs:' .. id) > 0
              end
              if ok then
                local st = redis.call('HMGET', P .. 'state:' .. id, 'status', 'lastSeenAt')
                out[#out + 1] = {id, st[1] or 'offline', st[2] or ''}
              end
            end
            return out
            """;

    /** ARGV: user. Everyone who may see the user, as a presence change's audience. */
    static final String AUDIENCE = PRELUDE + """
            return audience(ARGV[1])
            """;

    private static final String OFFSET = """
            if ARGV[2] ~= '' then redis.call('HSET', 'presence:offsets', ARGV[2], ARGV[3]) end
            """;

    /** ARGV: conversation, offset field, offset, then the users joining. */
    static final String MEMBERS_JOINED = """
            for i = 4, #ARGV do
              redis.call('SADD', 'presence:members:' .. ARGV[1], ARGV[i])
              redis.call('SADD', 'presence:convs:' .. ARGV[i], ARGV[1])
            end
            """ + OFFSET;

    /** ARGV: conversation, offset field, offset, user. */
    static final String MEMBER_LEFT = """
            redis.call('SREM', 'presence:members:' .. ARGV[1], ARGV[4])
            redis.call('SREM', 'presence:convs:' .. ARGV[4], ARGV[1])
            """ + OFFSET;

    /**
     * ARGV: user, offset field, offset, other user, friends (0 or 1), occurredAt ms. The two users' changes are keyed
     * by whoever acted, so they may be read out of order (a request after its acceptance): the newest change of a
     * pair wins.
     */
    static final String FRIENDSHIP = """
            local a, b = ARGV[1], ARGV[4]
            local pair = a .. '|' .. b
            if b < a then pair = b .. '|' .. a end
            local newest = redis.call('HGET', 'presence:friendship-at', pair)
            if not newest or tonumber(newest) <= tonumber(ARGV[6]) then
              redis.call('HSET', 'presence:friendship-at', pair, ARGV[6])
              if ARGV[5] == '1' then
                redis.call('SADD', 'presence:friends:' .. a, b)
                redis.call('SADD', 'presence:friends:' .. b, a)
              else
                redis.call('SREM', 'presence:friends:' .. a, b)
                redis.call('SREM', 'presence:friends:' .. b, a)
              end
            end
            """ + OFFSET;

    /** ARGV: blocker, offset field, offset, blocked user, blocked (0 or 1). */
    static final String BLOCK = """
            local op = 'SREM'
            if ARGV[5] == '1' then op = 'SADD' end
            redis.call(op, 'presence:blocks:' .. ARGV[1], ARGV[4])
            redis.call(op, 'presence:blocked-by:' .. ARGV[4], ARGV[1])
            """ + OFFSET;

    /** ARGV: unused, offset field, offset: a record that changes nothing here still moves the position. */
    static final String POSITION = OFFSET;
}
