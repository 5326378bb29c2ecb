"""The seed's ProofCarryingArtifact and WORMLedger (../shared/seed/), transcribed verbatim, used as
the oracle in our interoperability tests and benchmarks.

Usage:
  python3 seed_ledger.py append FILE      < decision_data lines   (prints each current_hash)
  python3 seed_ledger.py verify FILE                               (prints [ok, message] as JSON)
  python3 seed_ledger.py canon            < JSON lines             (prints json.dumps(v, sort_keys=True))
  python3 seed_ledger.py roundtrip        < JSON lines             (prints json.dumps(json.loads(line)))
"""
import hashlib
import json
import sys
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path
from typing import Optional


@dataclass
class ProofCarryingArtifact:
    """PCAg - Proof-Carrying Artifact for auditable decisions"""

    decision_id: str
    timestamp: str
    version: str
    delta_linf: float
    caos_plus: float
    sr_score: float
    ethical_score: float
    decision: str
    reason: str
    metrics: dict
    violations: list
    gates_passed: dict
    previous_hash: str
    current_hash: str

    @classmethod
    def create(cls, decision_data: dict, previous_hash: str) -> "ProofCarryingArtifact":
        pcag = cls(
            decision_id=decision_data["decision_id"],
            timestamp=datetime.utcnow().isoformat(),
            version="1.0",
            delta_linf=decision_data.get("delta_linf", 0.0),
            caos_plus=decision_data.get("caos_plus", 0.0),
            sr_score=decision_data.get("sr_score", 0.0),
            ethical_score=decision_data.get("ethical_score", 0.0),
            decision=decision_data["decision"],
            reason=decision_data["reason"],
            metrics=decision_data.get("metrics", {}),
            violations=decision_data.get("violations", []),
            gates_passed=decision_data.get("gates_passed", {}),
            previous_hash=previous_hash,
            current_hash="",
        )
        pcag_dict = asdict(pcag)
        pcag_dict.pop("current_hash")
        pcag_json = json.dumps(pcag_dict, sort_keys=True)
        pcag.current_hash = hashlib.sha256(pcag_json.encode()).hexdigest()
        return pcag

    def verify(self, previous_pcag: Optional["ProofCarryingArtifact"] = None) -> bool:
        pcag_dict = asdict(self)
        expected_hash = pcag_dict.pop("current_hash")
        pcag_json = json.dumps(pcag_dict, sort_keys=True)
        actual_hash = hashlib.sha256(pcag_json.encode()).hexdigest()
        if actual_hash != expected_hash:
            return False
        if previous_pcag and self.previous_hash != previous_pcag.current_hash:
            return False
        return True

    def to_dict(self) -> dict:
        return asdict(self)


class WORMLedger:
    def __init__(self, filepath: str = ".penin_omega/worm_ledger.jsonl"):
        self.filepath = Path(filepath)
        self.filepath.parent.mkdir(parents=True, exist_ok=True)
        self.last_hash = "0" * 64
        if self.filepath.exists():
            self._load_last_hash()

    def append(self, decision_data: dict) -> ProofCarryingArtifact:
        pcag = ProofCarryingArtifact.create(decision_data, self.last_hash)
        with open(self.filepath, "a") as f:
            f.write(json.dumps(pcag.to_dict()) + "\n")
        self.last_hash = pcag.current_hash
        return pcag

    def verify_all(self) -> tuple[bool, str]:
        if not self.filepath.exists():
            return True, "Empty ledger"
        with open(self.filepath, "r") as f:
            lines = f.readlines()
        if len(lines) == 0:
            return True, "Empty ledger"
        previous_pcag = None
        for i, line in enumerate(lines):
            try:
                pcag_dict = json.loads(line)
                pcag = ProofCarryingArtifact(**pcag_dict)
                if not pcag.verify(previous_pcag):
                    return False, f"Verification failed at entry {i}"
                previous_pcag = pcag
            except Exception as e:
                return False, f"Parse error at entry {i}: {str(e)}"
        return True, f"Verified {len(lines)} entries"

    def _load_last_hash(self):
        with open(self.filepath, "r") as f:
            lines = f.readlines()
        if lines:
            last_entry = json.loads(lines[-1])
            self.last_hash = last_entry["current_hash"]


def main() -> None:
    cmd = sys.argv[1]
    if cmd == "append":
        ledger = WORMLedger(sys.argv[2])
        for line in sys.stdin:
            if line.strip():
                print(ledger.append(json.loads(line)).current_hash, flush=False)
    elif cmd == "verify":
        print(json.dumps(list(WORMLedger(sys.argv[2]).verify_all())))
    elif cmd == "canon":
        for line in sys.stdin:
            print(json.dumps(json.loads(line), sort_keys=True))
    elif cmd == "roundtrip":
        for line in sys.stdin:
            print(json.dumps(json.loads(line)))
    else:
        raise SystemExit(f"unknown command {cmd}")


if __name__ == "__main__":
    main()
