import * as tf from '@tensorflow/tfjs-core';
import { createNodeEngine } from '../../src/engine/node';
const info = await createNodeEngine().info();
console.log(JSON.stringify(info.wasm));
const shapes: [number,number,number][] = [[6100,64,64],[2900,64,64],[6100,64,128],[6100,128,64],[64,6100,64],[64,2900,64],[128,6100,64],[64,6100,128]];
for (const [m,k,n] of shapes) {
  const a = tf.randomNormal([m,k]); const b = tf.randomNormal([k,n]);
  for (let i=0;i<2;i++) tf.matMul(a,b).dispose();
  const t=performance.now(); const R=10; for (let i=0;i<R;i++) { const c = tf.matMul(a,b); c.dataSync(); c.dispose(); }
  const ms=(performance.now()-t)/R; console.log(m,k,n, ms.toFixed(2),'ms', (2*m*k*n/ms/1e6).toFixed(2),'GFLOP/s');
  // b fresh each time
  let t2=performance.now(); for (let i=0;i<R;i++) { const b2=tf.add(b,0); const c = tf.matMul(a,b2); c.dataSync(); c.dispose(); b2.dispose(); }
  console.log('   fresh b', ((performance.now()-t2)/R).toFixed(2));
}
