/**
 * Bug: KVM registers lazily, at the guest's first ENQCMD; refused on the now non-empty MM set, it
 * falls back to the global chain and filters by set, having lost every earlier event.
 */
import type { CallResult } from "../../../api/result.js";
import { ok } from "../../../api/result.js";
import type { EnqcmdOutcome } from "../../../hw-model/kvm/index.js";
import { KvmDriver } from "../../../hw-model/drivers/kvm-driver.js";
import { CORRECT_DRIVERS } from "../../../hw-model/system/drivers.js";
import type { DriverMutant } from "./mutant.js";

class KvmRegistersLate extends KvmDriver {
  private global = false;

  override launch(): CallResult {
    this.alive = true;
    return ok(null);
  }

  override enqcmd(gpasid: number): EnqcmdOutcome {
    if (!this.global && this.alive) {
      const own = this.p.core.registerNotifier(null, { name: this.name, priority: "CPU", handler: (d, c) => this.onEvent(d, c) });
      this.global = own.ok;
    }
    return super.enqcmd(gpasid);
  }

  override terminate(): void {
    super.terminate();
    if (this.global) this.p.core.unregisterNotifier(null, this.name);
    this.global = false;
  }
}

export const kvmRegistersLate: DriverMutant = {
  name: "kvm-registers-late",
  breaks: "BIND events published before the registration are lost, so the VMCS table misses bound PASIDs and later UNBIND/FREE handling is out of step.",
  drivers: { ...CORRECT_DRIVERS, kvm: (p, vm, mm) => new KvmRegistersLate(p, vm, mm) },
};
