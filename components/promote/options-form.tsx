'use client';

import { useId } from 'react';
import { RESOLUTIONS, type PromoteFormState } from '@/lib/promote/options';

export interface OptionsFormProps {
  readonly value: PromoteFormState;
  readonly onChange: (v: PromoteFormState) => void;
  /** The destination has no host in the metrics: ask for address and port. */
  readonly needsAddress: boolean;
  /** What the callers are (the bundle by default), once the review has answered. */
  readonly callersDataPlane?: 'sidecar' | 'ambient';
}

const input = 'rounded border border-slate-300 bg-white px-1.5 py-0.5 text-sm dark:border-slate-700 dark:bg-slate-900';

/** Namespace, exportTo, resolution and the optional companions of the ServiceEntry. */
export function OptionsForm({ value, onChange, needsAddress, callersDataPlane }: OptionsFormProps) {
  const id = useId();
  // The egress gateway and the Sidecar are sidecar-mode resources: the ambient bundle has a waypoint instead.
  const ambient = (value.dataPlane || callersDataPlane) === 'ambient';
  const set = <K extends keyof PromoteFormState>(k: K, v: PromoteFormState[K]) => onChange({ ...value, [k]: v });
  const field = (name: keyof PromoteFormState, label: string, placeholder: string) => (
    <label className="flex flex-col gap-0.5 text-xs" htmlFor={`${id}-${name}`}>
      {label}
      <input id={`${id}-${name}`} className={input} placeholder={placeholder} value={value[name] as string} onChange={(e) => set(name, e.target.value as never)} />
    </label>
  );
  return (
    <fieldset className="grid grid-cols-2 gap-3 md:grid-cols-4">
      <legend className="mb-2 text-sm font-semibold">Options</legend>
      {needsAddress && (
        <div className="col-span-full grid grid-cols-3 gap-3 rounded border border-amber-400 bg-amber-50 p-2 dark:bg-amber-950">
          <p className="col-span-full text-xs">
            TLS and TCP passthrough carry no destination in Istio&apos;s metrics. Give the address and port this traffic goes to (from access logs,
            or the application&apos;s configuration):
          </p>
          {field('tcpAddress', 'IP address or CIDR', '203.0.113.10')}
          {field('tcpPort', 'Port', '5432')}
          {field('tcpHost', 'Host name (optional)', 'db.partner.example')}
        </div>
      )}
      {field('namespace', 'Namespace', 'least privilege: the caller’s')}
      {field('exportTo', 'exportTo (comma-separated)', '. (only that namespace)')}
      <label className="flex flex-col gap-0.5 text-xs" htmlFor={`${id}-resolution`}>
        Resolution
        <select id={`${id}-resolution`} className={input} value={value.resolution} onChange={(e) => set('resolution', e.target.value as PromoteFormState['resolution'])}>
          <option value="">default (DNS; NONE for wildcards)</option>
          {RESOLUTIONS.map((r) => (
            <option key={r}>{r}</option>
          ))}
        </select>
      </label>
      <label className="flex flex-col gap-0.5 text-xs" htmlFor={`${id}-dataPlane`}>
        Bundle
        <select id={`${id}-dataPlane`} className={input} value={value.dataPlane} onChange={(e) => set('dataPlane', e.target.value as PromoteFormState['dataPlane'])}>
          <option value="">{`the callers' (${callersDataPlane ?? 'from the evidence'})`}</option>
          <option value="sidecar">sidecar: ServiceEntry (+ egress gateway, Sidecar)</option>
          <option value="ambient">ambient: ServiceEntry + egress waypoint</option>
        </select>
      </label>
      <div className="flex flex-col gap-1 text-xs">
        <label className="flex items-center gap-1" title={ambient ? 'sidecar bundle only: in ambient the waypoint is the egress gateway' : undefined}>
          <input type="checkbox" checked={value.egressGateway} disabled={ambient} onChange={(e) => set('egressGateway', e.target.checked)} /> Through the egress gateway
        </label>
        <label className="flex items-center gap-1" title={ambient ? 'sidecar bundle only: a Sidecar does nothing for ambient pods' : undefined}>
          <input type="checkbox" checked={value.sidecar} disabled={ambient} onChange={(e) => set('sidecar', e.target.checked)} /> Sidecar for REGISTRY_ONLY
        </label>
        <label className="flex items-center gap-1">
          <input type="checkbox" checked={value.wildcard} onChange={(e) => set('wildcard', e.target.checked)} /> Wildcard for shared domains
        </label>
      </div>
      {field('timeout', 'Route timeout (optional)', '5s')}
      {field('retries', 'Retries (optional)', '3')}
    </fieldset>
  );
}
