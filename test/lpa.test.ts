import { describe, expect, it } from "vitest";
import { appleInstallUrl, lpaString, parseLpa } from "../src/domain/lpa.ts";
import { formatData, gbToMb } from "../src/domain/data-amount.ts";

describe("LPA activation strings", () => {
  const details = { smdpAddress: "rsp.example.com", matchingId: "K2-4F7PQ-9XH2M1" };

  it("builds the SGP.22 string a QR encodes", () => {
    expect(lpaString(details)).toBe("LPA:1$rsp.example.com$K2-4F7PQ-9XH2M1");
  });

  it("parses the full form and the seed's bare form", () => {
    expect(parseLpa("LPA:1$rsp.example.com$K2-4F7PQ-9XH2M1")).toEqual(details);
    expect(parseLpa("1$rsp.giapi.com$ESIM-8KX2")).toEqual({ smdpAddress: "rsp.giapi.com", matchingId: "ESIM-8KX2" });
    expect(parseLpa("rsp.example.com")).toBeNull();
    expect(parseLpa("LPA:1$$")).toBeNull();
  });

  it("makes Apple's one-tap install link with the URL-encoded LPA string", () => {
    expect(appleInstallUrl(details)).toBe(
      "https://esimsetup.apple.com/esim_qrcode_provisioning?carddata=LPA%3A1%24rsp.example.com%24K2-4F7PQ-9XH2M1",
    );
  });
});

describe("data amounts", () => {
  it("converts and formats", () => {
    expect(gbToMb(1)).toBe(1024);
    expect(gbToMb(0.5)).toBe(512);
    expect(formatData(512)).toBe("512 MB");
    expect(formatData(1024)).toBe("1 GB");
    expect(formatData(1536)).toBe("1.5 GB");
  });
});
