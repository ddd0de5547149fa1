/**
 * The rule registry: every rule, in a stable order (the order of the table). The file path of a rule is its id.
 */
import type {Rule} from '../rule.js';
import r1 from './lab/missing-component.js';
import r2 from './lab/missing-file.js';
import r3 from './file/unreadable.js';
import r4 from './yaml/syntax.js';
import r5 from './python/syntax.js';
import r6 from './component/api-version.js';
import r7 from './component/kind.js';
import r8 from './component/name.js';
import r9 from './component/duplicate-name.js';
import r10 from './component/unknown-type.js';
import r11 from './component/version.js';
import r12 from './component/metadata-shape.js';
import r13 from './component/unknown-metadata.js';
import r14 from './component/missing-metadata.js';
import r15 from './binding/direction-invalid.js';
import r16 from './binding/direction-mismatch.js';
import r17 from './cron/schedule-invalid.js';
import r18 from './cron/five-field.js';
import r19 from './cron/never-fires.js';
import r20 from './http/url-invalid.js';
import r21 from './input-binding/no-handler.js';
import r22 from './input-binding/route-mismatch.js';
import r23 from './input-binding/wrong-method.js';
import r24 from './dapr-client/async-with-sync-client.js';
import r25 from './dapr-client/missing-import.js';
import r26 from './output-binding/unknown-binding.js';
import r27 from './output-binding/unsupported-operation.js';
import r28 from './output-binding/data-type.js';
import r29 from './pubsub/unknown-component.js';
import r30 from './python/undefined-name.js';
import r31 from './dockerfile/base-image.js';
import r32 from './dockerfile/missing-package.js';
import r33 from './dockerfile/app-not-copied.js';
import r34 from './dockerfile/cmd.js';
import r35 from './dockerfile/syntax.js';
import r36 from './output-binding/not-invoked.js';
import r37 from './pubsub/not-published.js';
import r38 from './component/scoped-out.js';
import r39 from './component/env-placeholder.js';
import r40 from './output-binding/envelope-in-sdk-data.js';
import r41 from './security/cron-no-token.js';
import r42 from './security/timing-unsafe-compare.js';
import r43 from './security/signature-over-json.js';
import r44 from './security/no-timestamp-check.js';
import r45 from './security/publish-before-verify.js';
import r46 from './security/literal-secret.js';

/** Every rule dapr-labs knows. */
export const rules: readonly Rule[] = [r1, r2, r3, r4, r5, r6, r7, r8, r9, r10, r11, r12, r13, r14, r38, r39, r15, r16, r17, r18, r19, r20, r21, r22, r23, r24, r25, r26, r27, r28, r40, r29, r36, r37, r30, r35, r31, r32, r33, r34, r41, r42, r43, r44, r45, r46];

const byId = new Map(rules.map((rule) => [rule.id, rule]));

/** The rule with this id, or undefined. */
export function ruleById(id: string): Rule | undefined {
	return byId.get(id);
}
