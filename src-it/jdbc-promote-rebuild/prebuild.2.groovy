// a fresh checkout: nothing of build 1 but what it published
new File(basedir, 'target').deleteDir()
return null
