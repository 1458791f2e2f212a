/**
 * Re-assessing a snapshot after an edit without assessing it from scratch.
 * The state holds every mapped check's finding, every control's status and
 * every technique's score. An edit re-runs only the checks and techniques
 * its reach names (dependencies.ts), through the engine's own functions
 * (runCheck, scoreTechnique), then rolls changed controls up to their
 * parents exactly as evaluate-framework does. Tests hold the result equal to
 * a full `assess` of the edited snapshot.
 */

import {
  type AttackScoring,
  attackScoring,
  currentTechniques,
  scoreTechnique,
} from "../assess/attack/assess-attack.js";
import { ATTACK_FRAMEWORK_ID, attestationsFor } from "../assess/attestations.js";
import type { CheckContext, CheckModule } from "../assess/check-contract.js";
import { checkModule } from "../assess/checks/index.js";
import { applyAttestationsToFindings, statusAfterAttestations } from "../assess/control-attestations.js";
import { unmappedFinding } from "../assess/evaluate-framework.js";
import type { AssessInput } from "../assess/index.js";
import { rollUp } from "../assess/rollup.js";
import { techniquesCountedFor } from "../assess/rule-techniques.js";
import { runCheck, toFinding } from "../assess/run-check.js";
import type { AppliedAttestation, ControlStatus, Finding } from "../assess/schema.js";
import { populationOf, type SecurityRule } from "../assess/security-rules.js";
import type { RuleSelector } from "../assess/selectors.js";
import type { AttackTechnique } from "../catalogs/attack/schema.js";
import { compareIds } from "../report/id-order.js";
import type { Snapshot } from "../snapshot/schema.js";
import { applyEdit } from "./apply-edit.js";
import type { Changes, Outcome } from "./changes.js";
import { DependencyIndex, type EntryDeps, type Reach } from "./dependencies.js";
import type { Edit } from "./edits.js";
import { statusClass } from "./status-classes.js";

interface Slot {
  /** Same kind and params, same result: shared between controls and frameworks. */
  key: string;
  module: CheckModule;
  params: unknown;
  rationale: string;
}

interface ControlNode {
  framework: string;
  id: string;
  parent: string | null;
  /** `own`: judged by its slots (or unmapped, never changing); `children`: rolls up its children. */
  mode: "own" | "children";
  slots: Slot[];
  /** No mapping at all: one `manual` finding ("needs a person's attestation"). */
  unmapped: boolean;
  children: string[];
  applied: AppliedAttestation[];
}

/** Everything the state must know that no edit changes: the structure of the assessment. */
export class AssessmentModel {
  readonly nodes = new Map<string, ControlNode>();
  /** Node key → position: frameworks in the order assessed, controls in catalog order. */
  readonly order = new Map<string, number>();
  /** Entry key → the controls that use it. */
  readonly users = new Map<string, ControlNode[]>();
  readonly modules = new Map<string, Slot>();
  readonly techniques: AttackTechnique[];
  readonly deps: DependencyIndex;
  readonly ctx: CheckContext;

  constructor(
    readonly input: AssessInput,
    base: Snapshot,
  ) {
    this.ctx = { thresholds: input.thresholds };
    for (const id of input.frameworks.filter((f) => f !== ATTACK_FRAMEWORK_ID)) {
      const catalog = input.catalogs.find((candidate) => candidate.id === id);
      if (catalog === undefined) throw new Error(`framework ${id} was requested but its catalog was not loaded`);
      const mapping = input.mappings[id] ?? {};
      const kids = new Map<string, string[]>();
      for (const control of catalog.controls)
        if (control.parent !== null) kids.set(control.parent, [...(kids.get(control.parent) ?? []), control.id]);
      for (const control of catalog.controls) {
        const entries = mapping[control.id];
        const children = kids.get(control.id) ?? [];
        const slots = (entries ?? []).map((entry): Slot => {
          const module = checkModule(entry.kind);
          if (module === undefined) throw new Error(`mapping uses unregistered check kind "${entry.kind}"`);
          const key = `${entry.kind} ${JSON.stringify(entry.params)}`;
          const slot = { key, module, params: entry.params, rationale: entry.rationale };
          this.modules.set(key, slot);
          return slot;
        });
        const node: ControlNode = {
          framework: id,
          id: control.id,
          parent: control.parent,
          mode: entries === undefined && children.length > 0 ? "children" : "own",
          slots,
          unmapped: entries === undefined,
          children,
          applied: attestationsFor(input.attestations, id, control.id, base),
        };
        this.nodes.set(nodeKey(id, control.id), node);
        this.order.set(nodeKey(id, control.id), this.order.size);
        for (const slot of slots) this.users.set(slot.key, [...(this.users.get(slot.key) ?? []), node]);
      }
    }
    this.techniques =
      input.attack !== null && input.frameworks.includes(ATTACK_FRAMEWORK_ID) ? currentTechniques(input.attack) : [];
    const entryDeps: EntryDeps[] = [...this.modules.values()].map((slot) => ({
      key: slot.key,
      kind: slot.module.meta.kind,
      reads: slot.module.readsFor?.(slot.params as never) ?? slot.module.meta.reads,
      selector: selectorOf(slot.params),
      params: slot.params,
    }));
    this.deps = new DependencyIndex(base, entryDeps, this.techniques, input.sourceMap);
  }
}

function nodeKey(framework: string, id: string): string {
  return `${framework}\u0000${id}`;
}

function selectorOf(params: unknown): RuleSelector | null {
  const selector = (params as { selector?: RuleSelector } | null)?.selector;
  return selector === undefined ? null : selector;
}

/** What one edit does to a state: the edited snapshot and the values that moved. */
export interface Evaluation {
  edit: Edit;
  snapshot: Snapshot;
  reach: Reach;
  findings: Map<string, Finding>;
  controls: Map<string, ControlStatus>;
  techniques: Map<string, number>;
  scoring: AttackScoring | null;
}

export class AssessmentState {
  private constructor(
    readonly model: AssessmentModel,
    readonly snapshot: Snapshot,
    private readonly findings: ReadonlyMap<string, Finding>,
    private readonly statuses: ReadonlyMap<string, ControlStatus>,
    private readonly scores: ReadonlyMap<string, number>,
    private readonly scoring: AttackScoring | null,
  ) {}

  /** Findings of checks run for one rule of a class, by entry and class (status-classes.ts). */
  private readonly byClass = new Map<string, Finding>();

  /** The state of a snapshot, every check and technique evaluated once. */
  static of(model: AssessmentModel, snapshot: Snapshot): AssessmentState {
    const findings = new Map<string, Finding>();
    for (const slot of model.modules.values()) findings.set(slot.key, runSlot(slot, snapshot, model.ctx));
    const statuses = new Map<string, ControlStatus>();
    const statusOf = (node: ControlNode): ControlStatus => {
      const key = nodeKey(node.framework, node.id);
      let status = statuses.get(key);
      if (status === undefined) {
        status = controlStatus(node, findings, (child) => statusOf(model.nodes.get(nodeKey(node.framework, child))!));
        statuses.set(key, status);
      }
      return status;
    };
    for (const node of model.nodes.values()) statusOf(node);
    const scores = new Map<string, number>();
    const scoring = model.techniques.length > 0 ? attackScoring({ ...attackInput(model), snapshot }) : null;
    if (scoring !== null)
      for (const technique of model.techniques) scores.set(technique.id, scoreTechnique(technique, scoring).score);
    return new AssessmentState(model, snapshot, findings, statuses, scores, scoring);
  }

  /** What the evaluation moves against this state: as `diffOutcomes`, but looking only at what it reached. */
  changesOf(evaluation: Evaluation): Changes {
    const techniques: Changes["techniques"] = [];
    for (const [id, to] of evaluation.techniques) {
      const from = this.scores.get(id)!;
      if (to !== from) techniques.push({ id, from, to });
    }
    techniques.sort((a, b) => compareIds(a.id, b.id));
    const controls: Changes["controls"] = [];
    const moved = [...evaluation.controls].sort(([a], [b]) => this.model.order.get(a)! - this.model.order.get(b)!);
    for (const [key, to] of moved) {
      const from = this.statuses.get(key)!;
      const node = this.model.nodes.get(key)!;
      if (to !== from) controls.push({ framework: node.framework, id: node.id, from, to });
    }
    return { techniques, controls };
  }

  outcome(): Outcome {
    const controls = new Map<string, Map<string, ControlStatus>>();
    for (const node of this.model.nodes.values()) {
      const framework = controls.get(node.framework) ?? new Map<string, ControlStatus>();
      controls.set(node.framework, framework.set(node.id, this.statuses.get(nodeKey(node.framework, node.id))!));
    }
    return { techniques: new Map(this.scores), controls };
  }

  /**
   * The rule an edit enables, when it was disabled and no correlation rule
   * chains it: then checks may be run once per class of rule (status-classes.ts).
   */
  private newlyEnabled(edit: Edit, snapshot: Snapshot): SecurityRule | null {
    if (edit.kind !== "enable-rule" || this.model.deps.isChained(edit.rule)) return null;
    const before =
      this.scoring?.evidence.rulesById.get(edit.rule) ?? populationOf(this.snapshot).find((r) => r.id === edit.rule);
    if (before === undefined || before.enabled) return null;
    return populationOf(snapshot).find((rule) => rule.id === edit.rule) ?? null;
  }

  /**
   * The edited snapshot's values for everything the edit can reach. With
   * `reuse`, a check's finding may be one made for another rule of the same
   * class (same status, other names): for weighing candidates, never for a
   * state that is kept.
   */
  evaluate(edit: Edit, reuse = false): Evaluation {
    const { model } = this;
    const snapshot = applyEdit(this.snapshot, edit);
    const reach = model.deps.reach(edit);
    const findings = new Map<string, Finding>();
    const enabled = reuse ? this.newlyEnabled(edit, snapshot) : null;
    for (const key of reach.entries) {
      const slot = model.modules.get(key)!;
      const kind =
        enabled === null
          ? null
          : statusClass({ kind: slot.module.meta.kind, params: slot.params }, enabled, this.snapshot);
      if (kind === null) {
        findings.set(key, runSlot(slot, snapshot, model.ctx));
        continue;
      }
      // The status of this check moves alike for every rule of the class: run it for the first.
      const classKey = `${key}\u0000${kind}`;
      let finding = this.byClass.get(classKey);
      if (finding === undefined) {
        finding = runSlot(slot, snapshot, model.ctx);
        this.byClass.set(classKey, finding);
      }
      findings.set(key, finding);
    }
    const merged = new Map([...this.findings, ...findings]);

    const controls = new Map<string, ControlStatus>();
    const current = (framework: string, id: string) => {
      const key = nodeKey(framework, id);
      return controls.get(key) ?? this.statuses.get(key)!;
    };
    const touched = new Set<ControlNode>([...findings.keys()].flatMap((key) => model.users.get(key) ?? []));
    // Own controls first, then parents up the tree, each from its children's newest statuses.
    const pending = [...touched];
    while (pending.length > 0) {
      const node = pending.shift()!;
      const status = controlStatus(node, merged, (child) => current(node.framework, child));
      controls.set(nodeKey(node.framework, node.id), status);
      const parent = node.parent === null ? undefined : model.nodes.get(nodeKey(node.framework, node.parent));
      if (parent !== undefined && parent.mode === "children" && !pending.includes(parent)) pending.push(parent);
    }

    const techniques = new Map<string, number>();
    let scoring = this.scoring;
    if (scoring !== null && snapshot !== this.snapshot) {
      scoring =
        edit.kind === "enable-rule" || edit.kind === "disable-rule"
          ? withRuleReplaced(scoring, snapshot, edit.rule)
          : attackScoring({ ...attackInput(model), snapshot });
      for (const technique of model.techniques)
        if (reach.techniques.has(technique.id)) techniques.set(technique.id, scoreTechnique(technique, scoring).score);
    }
    return { edit, snapshot, reach, findings, controls, techniques, scoring };
  }

  /** The state after an evaluation made on this state. */
  commit(evaluation: Evaluation): AssessmentState {
    return new AssessmentState(
      this.model,
      evaluation.snapshot,
      new Map([...this.findings, ...evaluation.findings]),
      new Map([...this.statuses, ...evaluation.controls]),
      new Map([...this.scores, ...evaluation.techniques]),
      evaluation.scoring,
    );
  }
}

function attackInput(model: AssessmentModel) {
  const { input } = model;
  if (input.attack === null) throw new Error("mitre-attack was requested but the ATT&CK catalog was not loaded");
  return {
    catalog: input.attack,
    sourceMap: input.sourceMap,
    attestations: input.attestations,
    thresholds: input.thresholds,
  };
}

/**
 * The scoring of a snapshot that differs from the scored one in one rule's
 * `enabled` flag: the rule's entry swapped in every index that holds it, in
 * place, so orders (and with them every answer) stay as `attackScoring`
 * would build them from the edited snapshot.
 */
function withRuleReplaced(scoring: AttackScoring, snapshot: Snapshot, id: string): AttackScoring {
  const before = scoring.evidence.rulesById.get(id);
  const after = populationOf(snapshot).find((rule) => rule.id === id);
  if (before === undefined || after === undefined) throw new Error(`rule ${id} is not in the population`);
  const swap = (rules: SecurityRule[]) => rules.map((rule) => (rule === before ? after : rule));
  const rulesByDefaultId = new Map(scoring.evidence.rulesByDefaultId);
  if (after.default_rule_id !== null)
    rulesByDefaultId.set(after.default_rule_id, swap(rulesByDefaultId.get(after.default_rule_id) ?? []));
  const byTechnique = new Map(scoring.byTechnique);
  for (const technique of techniquesCountedFor(after.tags))
    byTechnique.set(technique, swap(byTechnique.get(technique) ?? []));
  return {
    ...scoring,
    snapshot,
    evidence: {
      ...scoring.evidence,
      rulesById: new Map(scoring.evidence.rulesById).set(id, after),
      rulesByDefaultId,
    },
    byTechnique,
  };
}

function runSlot(slot: Slot, snapshot: Snapshot, ctx: CheckContext): Finding {
  return toFinding(slot.module, runCheck(slot.module, slot.params, snapshot, ctx), slot.rationale);
}

/** A control's status as evaluate-framework computes it, from its findings or its children. */
function controlStatus(
  node: ControlNode,
  findings: ReadonlyMap<string, Finding>,
  childStatus: (id: string) => ControlStatus,
): ControlStatus {
  let status: ControlStatus;
  if (node.mode === "children") status = rollUp(node.children.map(childStatus));
  else if (node.unmapped) status = statusOfUnmapped(node);
  else {
    const own = applyAttestationsToFindings(
      node.slots.map((slot) => findings.get(slot.key)!),
      node.applied,
    );
    status = rollUp(own.filter((finding) => !finding.informational).map((finding) => finding.status));
  }
  return statusAfterAttestations(status, node.applied);
}

/** An unmapped control has one `manual` finding, which an active evidence attestation makes `pass`. */
function statusOfUnmapped(node: ControlNode): ControlStatus {
  const own = applyAttestationsToFindings([unmappedFinding()], node.applied);
  return rollUp(own.filter((finding) => !finding.informational).map((finding) => finding.status));
}
