/** Appends `value` to the list kept under `key`, creating the list on first use. */
export const pushTo = <K, V>(map: Map<K, Array<V>>, key: K, value: V): void => {
  const list = map.get(key)
  if (list === undefined) map.set(key, [value])
  else list.push(value)
}
