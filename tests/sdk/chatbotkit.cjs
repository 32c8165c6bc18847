// Drives `secretctl emulator` with the official ChatBotKit Node SDK (@chatbotkit/sdk, pinned
// in package.json) and asserts what the platform's source says (../../shared/api/chatbotkit.md
// and issue 15), not what the emulator happens to answer.
//
// Run by tests/sdk/run inside `secretctl emulator -- node …`, which exports
// CHATBOTKIT_API_URL and CHATBOTKIT_API_TOKEN; SDK_NODE_MODULES is the cache holding the SDK.
// Prints one `ok NAME` or `FAIL NAME: why` line per check.
'use strict'

const path = require('node:path')
const assert = require('node:assert/strict')
const { createRequire } = require('node:module')

const cacheRequire = createRequire(path.join(process.env.SDK_NODE_MODULES, 'x.js'))
const { SecretClient } = cacheRequire('@chatbotkit/sdk/secret')
const { SkillsetClient } = cacheRequire('@chatbotkit/sdk/skillset')
const { BotClient } = cacheRequire('@chatbotkit/sdk/bot')

const origin = process.env.CHATBOTKIT_API_URL
const token = process.env.CHATBOTKIT_API_TOKEN
if (!origin || !token) {
  console.log('FAIL setup: CHATBOTKIT_API_URL and CHATBOTKIT_API_TOKEN must be set')
  process.exit(1)
}

const client = new SecretClient({ secret: token, baseUrl: origin })
const skillsets = new SkillsetClient({ secret: token, baseUrl: origin })
const bots = new BotClient({ secret: token, baseUrl: origin })

async function control(method, p, body) {
  const r = await fetch(`${origin}/_emulator/${p}`, {
    method,
    // The control routes answer only the emulator's token.
    headers: { Authorization: `Bearer ${token}` },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  if (!r.ok) throw new Error(`/_emulator/${p}: ${r.status}`)
  return r.json()
}

/** What the emulator stored for this id, value included. */
async function stored(id) {
  const all = await control('GET', 'secrets')
  return all.chatbotkit.find((s) => s.id === id) ?? null
}

/** The SDK's error for a call that must fail: { code, message }. */
async function failure(promise) {
  try {
    await promise
  } catch (e) {
    return { code: e.code, message: e.message }
  }
  throw new Error('the call succeeded')
}

async function collect(iterable) {
  const out = []
  for await (const x of iterable) out.push(x)
  return out
}

const checks = []
function check(name, fn) {
  checks.push([name, fn])
}

// --- create / fetch ------------------------------------------------------------------------

check('create answers {id}; fetch returns every field and never the value', async () => {
  const created = await client.create({
    name: 'db',
    description: 'prod db',
    alias: 'db-main',
    kind: 'shared',
    type: 'basic',
    visibility: 'protected',
    value: 's3cr3t-value',
    config: { clientId: 'cid', clientSecret: 'csecret' },
    meta: { env: 'prod' },
  })
  assert.deepEqual(Object.keys(created), ['id'])
  const s = await client.fetch(created.id)
  assert.equal(s.id, created.id)
  assert.equal(s.name, 'db')
  assert.equal(s.description, 'prod db')
  assert.equal(s.alias, 'db-main')
  assert.equal(s.kind, 'shared')
  assert.equal(s.type, 'basic')
  assert.equal(s.visibility, 'protected')
  assert.equal(s.blueprintId, null)
  assert.deepEqual(s.meta, { env: 'prod' })
  assert.deepEqual(s.config, { clientId: 'cid', clientSecret: '********' })
  assert.equal(typeof s.createdAt, 'number')
  assert.equal(typeof s.updatedAt, 'number')
  assert.equal('value' in s, false)
  assert.equal((await stored(created.id)).value, 's3cr3t-value')
})

check('create without kind/type/visibility takes the schema defaults', async () => {
  const { id } = await client.create({ value: 'dropped-value' })
  const s = await client.fetch(id)
  assert.equal(s.name, '')
  assert.equal(s.description, '')
  assert.equal(s.kind, 'shared')
  assert.equal(s.type, 'plain')
  assert.equal(s.visibility, 'private')
  assert.equal(s.alias, null)
  assert.equal(s.config, null)
  assert.equal(s.meta, null)
  // The request said no kind: the value was dropped; the stored secret is shared, so an
  // update can give it one.
  assert.equal((await stored(id)).value, null)
  await client.update(id, { value: 'later-value' })
  assert.equal((await stored(id)).value, 'later-value')
})

check('fetch and delete by alias', async () => {
  const { id } = await client.create({ alias: 'by-alias', kind: 'shared', value: 'v-alias' })
  assert.equal((await client.fetch('by-alias')).id, id)
  assert.deepEqual(await client.delete('by-alias'), { id })
  assert.equal(await stored(id), null)
})

// --- list ----------------------------------------------------------------------------------

async function fiveSecrets() {
  const ids = []
  for (let i = 0; i < 5; i++) {
    ids.push((await client.create({ name: `s${i}`, meta: { n: String(i), even: String(i % 2 === 0) } })).id)
  }
  return ids
}

check('list pages newest first; the cursor is the last id, even on the final page', async () => {
  const ids = await fiveSecrets()
  const want = [...ids].reverse()
  const got = []
  let cursor
  const cursors = []
  for (;;) {
    const page = await client.list({ take: 2, cursor })
    if (page.items.length === 0) {
      assert.equal(page.cursor, undefined)
      break
    }
    assert.equal(page.cursor, page.items[page.items.length - 1].id)
    cursors.push(page.cursor)
    for (const s of page.items) assert.equal('value' in s, false)
    got.push(...page.items.map((s) => s.id))
    cursor = page.cursor
  }
  assert.deepEqual(got, want)
  assert.equal(cursors.length, 3)
})

check('list order=asc, meta filters, take 0 / NaN / unknown order are defaults', async () => {
  const ids = await fiveSecrets()
  const asc = await client.list({ order: 'asc', take: 2 })
  assert.deepEqual(asc.items.map((s) => s.id), ids.slice(0, 2))
  const even = await client.list({ meta: { even: 'true' } })
  assert.deepEqual(even.items.map((s) => s.name), ['s4', 's2', 's0'])
  // parseInt: 0 and NaN mean 100; an unknown order falls back to desc.
  assert.equal((await client.list({ take: 0 })).items.length, 5)
  assert.equal((await client.list({ take: 'abc' })).items.length, 5)
  const odd = await client.list({ order: 'sideways', take: 1 })
  assert.deepEqual(odd.items.map((s) => s.id), [ids[4]])
})

check('list().stream() yields every item; take bounds it; it starts at the cursor', async () => {
  const ids = await fiveSecrets()
  const all = await collect(client.list().stream())
  assert.deepEqual(all.map((l) => l.type), ['item', 'item', 'item', 'item', 'item'])
  assert.deepEqual(all.map((l) => l.data.id), [...ids].reverse())
  for (const l of all) assert.equal('value' in l.data, false)
  const three = await collect(client.list({ take: 3 }).stream())
  assert.deepEqual(three.map((l) => l.data.id), [ids[4], ids[3], ids[2]])
  const from = await collect(client.list({ order: 'asc', cursor: ids[1] }).stream())
  assert.deepEqual(from.map((l) => l.data.id), ids.slice(2))
  const filtered = await collect(client.list({ meta: { even: 'false' } }).stream())
  assert.deepEqual(filtered.map((l) => l.data.name), ['s3', 's1'])
})

// --- update --------------------------------------------------------------------------------

check('update is partial; meta is replaced; the mask keeps clientSecret; null clears', async () => {
  const { id } = await client.create({
    name: 'u',
    alias: 'u-alias',
    kind: 'shared',
    value: 'u-value',
    config: { clientId: 'a', clientSecret: 'keep-me' },
    meta: { a: '1', b: '2' },
  })
  assert.deepEqual(await client.update(id, { description: 'new' }), { id })
  let s = await client.fetch(id)
  assert.equal(s.name, 'u')
  assert.equal(s.description, 'new')
  await client.update(id, { meta: { c: '3' }, config: { clientId: 'b', clientSecret: '********' }, alias: null })
  s = await client.fetch(id)
  assert.deepEqual(s.meta, { c: '3' })
  assert.equal(s.alias, null)
  const st = await stored(id)
  assert.deepEqual(st.config, { clientId: 'b', clientSecret: 'keep-me' })
  assert.equal(st.value, 'u-value')
})

check('update checks the request kind: personal + value is 409, no kind stores null', async () => {
  const { id } = await client.create({ kind: 'shared', value: 'kind-value' })
  // shared → personal without a value keeps the stored value.
  await client.update(id, { kind: 'personal' })
  assert.equal((await stored(id)).value, 'kind-value')
  assert.deepEqual(await failure(client.update(id, { kind: 'personal', value: 'x' })), {
    code: 'CONFLICT',
    message: 'Personal secrets cannot have a value',
  })
  assert.deepEqual(await client.update(id, { value: 'x-value' }), { id })
  assert.equal((await stored(id)).value, null)
})

// --- verify / revoke / authenticate / delete -----------------------------------------------

check('verify: authenticated with a value, else unauthenticated with the authenticate action', async () => {
  const withValue = await client.create({ kind: 'shared', type: 'bearer', value: 'verify-value' })
  assert.deepEqual(await client.verify(withValue.id), { id: withValue.id, status: 'authenticated' })
  const without = await client.create({ kind: 'shared', type: 'plain' })
  const v = await client.verify(without.id)
  assert.equal(v.id, without.id)
  assert.equal(v.status, 'unauthenticated')
  assert.equal(v.action.type, 'authenticate')
  assert.equal(typeof v.action.url, 'string')
})

check('authenticate answers {id, url}', async () => {
  const { id } = await client.create({ type: 'oauth', alias: 'gh-oauth' })
  const a = await client.authenticate(id)
  assert.deepEqual(Object.keys(a).sort(), ['id', 'url'])
  assert.equal(a.id, id)
  assert.ok(/^https?:\/\//.test(a.url), a.url)
  assert.equal((await client.verify(id)).action.url, a.url)
})

check('revoke clears the value; again is 404 Not found; on a personal secret 409 Conflict', async () => {
  const { id } = await client.create({ kind: 'shared', value: 'revoke-value' })
  assert.deepEqual(await client.revoke(id), { id })
  assert.equal((await stored(id)).value, null)
  assert.deepEqual(await failure(client.revoke(id)), { code: 'NOT_FOUND', message: 'Not found' })
  const personal = await client.create({ kind: 'personal' })
  assert.deepEqual(await failure(client.revoke(personal.id)), { code: 'CONFLICT', message: 'Conflict' })
})

check('delete answers {id}; the secret is gone', async () => {
  const { id } = await client.create({ name: 'gone' })
  assert.deepEqual(await client.delete(id), { id })
  assert.deepEqual(await failure(client.fetch(id)), { code: 'NOT_FOUND', message: 'Not found' })
  assert.deepEqual(await failure(client.delete(id)), { code: 'NOT_FOUND', message: 'Not found' })
})

// --- errors --------------------------------------------------------------------------------

check('401: a wrong token is NOT_AUTHENTICATED', async () => {
  const bad = new SecretClient({ secret: 'not-the-token', baseUrl: origin })
  const f = await failure(bad.list())
  assert.equal(f.code, 'NOT_AUTHENTICATED')
  const none = new SecretClient({ secret: '', baseUrl: origin })
  assert.equal((await failure(none.fetch('x'))).code, 'NOT_AUTHENTICATED')
})

check('404: unknown id on every operation', async () => {
  const nf = { code: 'NOT_FOUND', message: 'Not found' }
  assert.deepEqual(await failure(client.fetch('sec-nope')), nf)
  assert.deepEqual(await failure(client.update('sec-nope', { name: 'x' })), nf)
  assert.deepEqual(await failure(client.verify('sec-nope')), nf)
  assert.deepEqual(await failure(client.authenticate('sec-nope')), nf)
  assert.deepEqual(await failure(client.revoke('sec-nope')), nf)
  assert.deepEqual(await failure(client.delete('sec-nope')), nf)
})

check('409: personal with a value; a duplicate alias', async () => {
  assert.deepEqual(await failure(client.create({ kind: 'personal', value: 'p-value' })), {
    code: 'CONFLICT',
    message: 'Personal secrets cannot have a value',
  })
  await client.create({ alias: 'taken' })
  assert.deepEqual(await failure(client.create({ alias: 'taken' })), { code: 'CONFLICT', message: 'Conflict' })
  const other = await client.create({ alias: 'free' })
  assert.deepEqual(await failure(client.update(other.id, { alias: 'taken' })), {
    code: 'CONFLICT',
    message: 'Conflict',
  })
})

check('400: validation in Joi words', async () => {
  assert.deepEqual(await failure(client.create({ type: 'password' })), {
    code: 'BAD_REQUEST',
    message: '"type" must be one of [plain, basic, bearer, jwt, oauth, template, reference]',
  })
  assert.deepEqual(await failure(client.create({ name: 'x', foo: 1 })), {
    code: 'BAD_REQUEST',
    message: '"foo" is not allowed',
  })
  assert.deepEqual(await failure(client.create({ meta: { _internal: '1' } })), {
    code: 'BAD_REQUEST',
    message: '"meta._internal" is not allowed',
  })
})

check('429: the rate limit answers TOO_MANY_REQUESTS without Retry-After; the SDK retries through it', async () => {
  await control('PUT', 'settings', { rate_limit: { rps: 2, burst: 1 } })
  try {
    await client.list()
    // The bucket is empty: the SDK's own retries (250 ms, doubling) get through.
    const page = await client.list()
    assert.deepEqual(page.items, [])
  } finally {
    await control('PUT', 'settings', { rate_limit: null })
  }
  const log = await control('GET', 'requests')
  const statuses = log.map((r) => r.status)
  assert.ok(statuses.includes(429), JSON.stringify(statuses))
  assert.equal(statuses[statuses.length - 1], 200)
  const raw = await fetch(`${origin}/api/v1/secret/list`, { headers: { authorization: `Bearer ${token}` } })
  assert.equal(raw.status, 200)
  await control('PUT', 'settings', { rate_limit: { rps: 0.01, burst: 1 } })
  try {
    await fetch(`${origin}/api/v1/secret/list`, { headers: { authorization: `Bearer ${token}` } })
    const r = await fetch(`${origin}/api/v1/secret/list`, { headers: { authorization: `Bearer ${token}` } })
    assert.equal(r.status, 429)
    assert.deepEqual(await r.json(), { message: 'Too many requests', code: 'TOO_MANY_REQUESTS' })
    assert.equal(r.headers.get('x-failure-code'), 'LIMITS_REACHED')
    assert.equal(r.headers.get('retry-after'), null)
  } finally {
    await control('PUT', 'settings', { rate_limit: null })
  }
})

// --- what uses a secret (secret-references.md §2, §5.1) ------------------------------------

check('abilities link a secret under either field name and answer with the setting', async () => {
  const { id: secretId } = await client.create({ name: 'wx', kind: 'shared', value: 'wx-value' })
  const { id: sid } = await skillsets.create({ name: 'Tools', description: 'd' })
  const { id: a1 } = await skillsets.ability.create(sid, {
    name: 'old', description: '', instruction: 'Bearer ${SECRET_WX}', secretId,
  })
  const { id: a2 } = await skillsets.ability.create(sid, {
    name: 'new', description: '', instruction: 'x', linkedSecretId: secretId,
  })
  const listed = await skillsets.ability.list(sid)
  assert.equal(listed.items.length, 2)
  for (const a of listed.items) {
    assert.equal(a.linkedSecretId, secretId)
    assert.equal(a.skillsetId, sid)
    assert.equal('secretId' in a, false)
  }
  await control('PUT', 'settings', { chatbotkit_ability_link: 'secretId' })
  try {
    const a = await skillsets.ability.fetch(sid, a1)
    assert.equal(a.secretId, secretId)
    assert.equal(a.instruction, 'Bearer ${SECRET_WX}')
    assert.equal((await skillsets.ability.fetch(sid, a2)).secretId, secretId)
  } finally {
    await control('PUT', 'settings', { chatbotkit_ability_link: 'linkedSecretId' })
  }
  const missing = await failure(skillsets.ability.create(sid, { name: 'x', description: '', instruction: '', secretId: 'nope' }))
  assert.equal(missing.code, 'BAD_REQUEST')
})

check('deleting a secret is never refused: it clears the links, the abilities stay', async () => {
  const { id: secretId } = await client.create({ name: 'gone', kind: 'shared', value: 'gone-value' })
  const { id: sid } = await skillsets.create({ name: 'K', description: '' })
  const { id: aid } = await skillsets.ability.create(sid, {
    name: 'uses it', description: '', instruction: '', linkedSecretId: secretId,
  })
  assert.deepEqual(await client.delete(secretId), { id: secretId })
  const a = await skillsets.ability.fetch(sid, aid)
  assert.equal(a.linkedSecretId, null)
  assert.equal(a.name, 'uses it')
})

check('bots hold a skillset; skillset and ability lists page; an unknown skillset is 404', async () => {
  const { id: sid } = await skillsets.create({ name: 'K', description: '' })
  const { id: bid } = await bots.create({ name: 'Helper', skillsetId: sid })
  const b = await bots.fetch(bid)
  assert.equal(b.skillsetId, sid)
  const listedBots = await bots.list()
  assert.deepEqual(listedBots.items.map((x) => x.id), [bid])
  assert.equal((await skillsets.list()).items[0].id, sid)
  assert.deepEqual((await skillsets.ability.list(sid)).items, [])
  const nf = await failure(skillsets.ability.list('nope'))
  assert.equal(nf.code, 'NOT_FOUND')
  // A deleted skillset's abilities are orphaned, and its list is gone.
  await skillsets.ability.create(sid, { name: 'a', description: '', instruction: '' })
  await skillsets.delete(sid)
  assert.equal((await failure(skillsets.ability.list(sid))).code, 'NOT_FOUND')
  assert.equal((await bots.fetch(bid)).skillsetId, sid, 'a bot keeps its skillsetId')
})

async function main() {
  let failed = 0
  for (const [name, fn] of checks) {
    await control('POST', 'reset')
    try {
      await fn()
      console.log(`ok chatbotkit: ${name}`)
    } catch (e) {
      failed++
      const why = (e && (e.stack || e.message)) || String(e)
      console.log(`FAIL chatbotkit: ${name}: ${why.split('\n').slice(0, 6).join(' | ')}`)
    }
  }
  process.exitCode = failed ? 1 : 0
}

main().catch((e) => {
  console.log(`FAIL chatbotkit: setup: ${e && e.message}`)
  process.exitCode = 1
})
